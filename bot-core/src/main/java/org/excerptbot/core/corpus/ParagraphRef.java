package org.excerptbot.core.corpus;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The position of a body paragraph: document number (1-4) and paragraph number (from 1), written {@code 1.11}. */
public record ParagraphRef(int document, int paragraph) implements Comparable<ParagraphRef> {
    private static final Pattern POSITION = Pattern.compile("(\\d{1,2})\\.(\\d{1,4})");

    public ParagraphRef {
        if (document < 1) throw new IllegalArgumentException("document: must be at least 1, was " + document);
        if (paragraph < 1) throw new IllegalArgumentException("paragraph: must be at least 1, was " + paragraph);
    }

    /** Parses {@code 1.11}; empty when the text is not a position. */
    public static Optional<ParagraphRef> parse(String position) {
        Matcher m = POSITION.matcher(position == null ? "" : position.strip());
        if (!m.matches()) return Optional.empty();
        int d = Integer.parseInt(m.group(1));
        int p = Integer.parseInt(m.group(2));
        return d >= 1 && p >= 1 ? Optional.of(new ParagraphRef(d, p)) : Optional.empty();
    }

    /** The position as users see it, for example {@code 1.11}. */
    public String position() {
        return document + "." + paragraph;
    }

    @Override
    public int compareTo(ParagraphRef o) {
        return document != o.document ? Integer.compare(document, o.document) : Integer.compare(paragraph, o.paragraph);
    }

    @Override
    public String toString() {
        return position();
    }
}
