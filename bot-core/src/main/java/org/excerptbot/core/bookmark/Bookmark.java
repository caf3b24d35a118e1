package org.excerptbot.core.bookmark;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A passage a reader saved.
 *
 * @param passage a paragraph's position ({@code 1.11}) or an excerpt's id ({@code 1.11.2}, {@code 1.11.2-3})
 */
public record Bookmark(Reader reader, String passage, Instant savedAt) {
    private static final Pattern PASSAGE = Pattern.compile("\\d{1,2}\\.\\d{1,3}(?:\\.\\d{1,3}(?:-\\d{1,3})?)?");

    public Bookmark {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(passage, "passage");
        if (!isPassage(passage)) {
            throw new IllegalArgumentException("passage: a position such as 1.11 or 1.11.2-3, was '" + passage + "'");
        }
        Objects.requireNonNull(savedAt, "savedAt");
    }

    /** True for a paragraph's position or an excerpt's id. */
    public static boolean isPassage(String s) {
        return s != null && PASSAGE.matcher(s).matches();
    }
}
