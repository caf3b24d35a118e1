package org.excerptbot.core.corpus;

/** One sentence of a body paragraph; {@code index} counts from 1 within the paragraph. */
public record Sentence(ParagraphRef paragraph, int index, String text) {
    /** A stable id such as {@code 1.11.2}. */
    public String id() {
        return paragraph.position() + "." + index;
    }
}
