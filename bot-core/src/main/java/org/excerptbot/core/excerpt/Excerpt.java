package org.excerptbot.core.excerpt;

import org.excerptbot.core.corpus.ParagraphRef;

/**
 * A sentence, or a short run of whole sentences, from one body paragraph.
 *
 * @param id stable across builds of the same text: {@code 1.11.2} for one sentence, {@code 1.11.2-3} for a run
 * @param firstSentence the first sentence's index in the paragraph, from 1
 * @param lastSentence the last sentence's index, inclusive
 */
public record Excerpt(String id, ParagraphRef ref, int firstSentence, int lastSentence, String text) {
    /** Number of characters (code points). */
    public int length() {
        return text.codePointCount(0, text.length());
    }
}
