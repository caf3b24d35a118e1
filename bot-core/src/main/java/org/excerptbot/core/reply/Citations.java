package org.excerptbot.core.reply;

import java.util.Optional;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.DocumentInfo;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.i18n.Texts;

/** Builds citations in the user's language: the speech is dated the day it was delivered. */
public final class Citations {
    private Citations() {}

    /** The citation of a paragraph, with its position. */
    public static Citation of(Corpus corpus, ParagraphRef ref, Texts texts) {
        return of(corpus.info(ref), Optional.of(ref.position()), texts);
    }

    /** The citation of a document, with or without a position. */
    public static Citation of(DocumentInfo info, Optional<String> position, Texts texts) {
        return texts.english()
                ? new Citation(info.titleEn(), info.authorEn(), info.delivered().orElse(info.published()), position)
                : new Citation(info.title(), info.author(), info.delivered().orElse(info.published()), position);
    }
}
