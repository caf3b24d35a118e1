package org.excerptbot.core.subscription;

import java.util.Locale;
import java.util.Optional;

/** How a schedule's post looks: the excerpt as text, or as a quote card picture with its citation. */
public enum Format {
    TEXT,
    CARD;

    /** The word users type for this format: {@code text} or {@code card}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format for a typed word, ignoring case; empty when it names none. */
    public static Optional<Format> parse(String word) {
        for (Format f : values()) {
            if (f.word().equalsIgnoreCase(word)) return Optional.of(f);
        }
        return Optional.empty();
    }
}
