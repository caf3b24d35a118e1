package org.excerptbot.core.subscription;

import java.util.Locale;
import java.util.Optional;

/** What a subscription posts each day. */
public enum Mode {
    /** The excerpt of the day for the subscriber's local date (the same for everyone on that date). */
    DAILY,
    /** The four texts read through in order, one excerpt a day, from a cursor kept per subscription. */
    SEQUENTIAL;

    /** The word users type for this mode: {@code daily} or {@code sequential}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for a typed word, ignoring case; empty when it names none. */
    public static Optional<Mode> parse(String word) {
        for (Mode m : values()) {
            if (m.word().equalsIgnoreCase(word)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
