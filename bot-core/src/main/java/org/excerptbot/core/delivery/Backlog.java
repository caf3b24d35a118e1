package org.excerptbot.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The posts of a platform waiting to go out at an instant: how many, and since when the oldest has been due.
 *
 * @param waiting pending posts that may go out now
 * @param oldestDue the due time of the oldest of them; empty when none waits
 */
public record Backlog(long waiting, Optional<Instant> oldestDue) {
    public static final Backlog EMPTY = new Backlog(0, Optional.empty());

    public Backlog {
        Objects.requireNonNull(oldestDue, "oldestDue");
        if (waiting < 0) throw new IllegalArgumentException("waiting: must not be negative, was " + waiting);
        if ((waiting == 0) != oldestDue.isEmpty()) {
            throw new IllegalArgumentException("oldestDue: present exactly when a post waits, was " + oldestDue);
        }
    }

    /** How long the oldest waiting post has waited at {@code now}; zero when none waits. */
    public Duration oldestAge(Instant now) {
        return oldestDue
                .map(due -> Duration.between(due, now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /** How long sending the backlog takes at {@code perSecond} posts a second (0: no limit, no time). */
    public Duration timeToClear(double perSecond) {
        if (perSecond <= 0) return Duration.ZERO;
        return Duration.ofMillis((long) Math.ceil(waiting * 1000.0 / perSecond));
    }
}
