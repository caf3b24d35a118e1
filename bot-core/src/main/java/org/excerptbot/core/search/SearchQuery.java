package org.excerptbot.core.search;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search as the user typed it, with an optional document filter taken from an {@code in:N} term.
 *
 * @param text the query without the filter term
 * @param document 1-4 to search one document only
 */
public record SearchQuery(String text, Optional<Integer> document) {
    private static final Pattern FILTER = Pattern.compile("(?:^|\\s)in:(\\S*)(?=\\s|$)", Pattern.CASE_INSENSITIVE);

    public SearchQuery {
        text = text == null ? "" : text.strip();
        document = document == null ? Optional.empty() : document;
    }

    /**
     * Splits off an {@code in:N} filter. A filter that is not a number is left in the text, so that the caller can
     * report it; use {@link #badFilter(String)} to find it.
     */
    public static SearchQuery parse(String raw) {
        String s = raw == null ? "" : raw;
        Matcher m = FILTER.matcher(s);
        if (m.find() && m.group(1).matches("\\d{1,2}")) {
            int doc = Integer.parseInt(m.group(1));
            String rest = (s.substring(0, m.start()) + " " + s.substring(m.end())).strip();
            return new SearchQuery(rest, Optional.of(doc));
        }
        return new SearchQuery(s, Optional.empty());
    }

    /** The value of an {@code in:} term that is not a document number, if the raw query has one. */
    public static Optional<String> badFilter(String raw) {
        Matcher m = FILTER.matcher(raw == null ? "" : raw);
        return m.find() && !m.group(1).matches("\\d{1,2}") ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The query as the user would retype it, filter included. */
    public String asTyped() {
        return document.map(d -> "in:" + d + (text.isEmpty() ? "" : " " + text)).orElse(text);
    }
}
