package org.excerptbot.core.reply;

import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Texts;

/** The buttons that show a passage as a quote card: their data are /card's arguments. */
public final class CardActions {
    private CardActions() {}

    /** The card of an excerpt: {@code card 1 11 2}, the excerpt of 1.11 that holds its second sentence. */
    public static Action of(Excerpt excerpt, Texts texts) {
        ParagraphRef ref = excerpt.ref();
        return new Action(
                texts.get("action.card"),
                "card " + ref.document() + " " + ref.paragraph() + " " + excerpt.firstSentence());
    }

    /** The cards of a whole paragraph: {@code card 1 11}. */
    public static Action of(ParagraphRef ref, Texts texts) {
        return new Action(texts.get("action.card"), data(ref));
    }

    /** The cards of one paragraph among several (search hits), labelled with its position. */
    public static Action numbered(ParagraphRef ref, Texts texts) {
        return new Action(texts.get("action.card.position", ref.position()), data(ref));
    }

    private static String data(ParagraphRef ref) {
        return "card " + ref.document() + " " + ref.paragraph();
    }
}
