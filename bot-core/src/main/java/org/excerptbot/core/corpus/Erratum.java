package org.excerptbot.core.corpus;

/** A correction applied to the source text while parsing; the source itself is never edited. */
public record Erratum(int document, int paragraph, String original, String corrected, String note) {
    public ParagraphRef ref() {
        return new ParagraphRef(document, paragraph);
    }
}
