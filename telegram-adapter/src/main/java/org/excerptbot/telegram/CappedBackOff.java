package org.excerptbot.telegram;

import java.time.Duration;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * Exponential back-off for failed getUpdates calls that never waits longer than its cap (the library's default
 * grows to 15 minutes). Starts at {@code initial} and multiplies by 1.5 after each failure. Not thread-safe: each
 * polling session has its own.
 */
final class CappedBackOff implements BackOff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    CappedBackOff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial: must be positive");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max: must be at least initial");
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** A back-off capped at {@code max}, starting at 500 ms or a quarter of the cap, whichever is shorter. */
    static CappedBackOff upTo(Duration max) {
        return new CappedBackOff(Duration.ofMillis(Math.max(1, Math.min(500, max.toMillis() / 4))), max);
    }

    /** A cap for a log line: whole seconds as {@code 30 s}, anything else in milliseconds. */
    static String describe(Duration max) {
        return max.toMillis() % 1000 == 0 ? max.toSeconds() + " s" : max.toMillis() + " ms";
    }

    @Override
    public void reset() {
        nextMillis = initialMillis;
    }

    @Override
    public long nextBackOffMillis() {
        long current = nextMillis;
        nextMillis = Math.min(maxMillis, Math.max(current + 1, (long) (current * 1.5)));
        return current;
    }
}
