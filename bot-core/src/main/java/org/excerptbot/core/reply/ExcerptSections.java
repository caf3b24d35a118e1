package org.excerptbot.core.reply;

import java.util.List;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Texts;

/**
 * Turns an excerpt into a reply: its text, its citation, a button that opens the whole paragraph and one that shows
 * the excerpt as a quote card.
 */
public final class ExcerptSections {
    private final Corpus corpus;

    public ExcerptSections(Corpus corpus) {
        this.corpus = corpus;
    }

    /** A reply showing one excerpt under a title. */
    public Reply reply(String title, Excerpt excerpt, Texts texts) {
        return Reply.builder(Reply.Kind.CONTENT)
                .title(title)
                .section(section(excerpt, texts))
                .actionRow(List.of(
                        openParagraph(excerpt, texts),
                        CardActions.of(excerpt, texts),
                        new Action(texts.get("action.save"), "save " + excerpt.id())))
                .build();
    }

    /** The excerpt's text with its citation. */
    public Section section(Excerpt excerpt, Texts texts) {
        return Section.cited(List.of(Span.plain(excerpt.text())), Citations.of(corpus, excerpt.ref(), texts));
    }

    /** A button that opens the excerpt's whole paragraph with /read. */
    public static Action openParagraph(Excerpt excerpt, Texts texts) {
        return new Action(
                texts.get("action.read.paragraph", excerpt.ref().position()),
                "read " + excerpt.ref().document() + " " + excerpt.ref().paragraph());
    }
}
