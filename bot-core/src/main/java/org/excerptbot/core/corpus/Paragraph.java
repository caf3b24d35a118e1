package org.excerptbot.core.corpus;

import java.util.List;

/** A body paragraph, normalised and corrected, with its sentences. */
public record Paragraph(ParagraphRef ref, String text, List<Sentence> sentences) {
    public Paragraph {
        sentences = List.copyOf(sentences);
    }

    /** Number of characters (code points) in the paragraph. */
    public int length() {
        return text.codePointCount(0, text.length());
    }
}
