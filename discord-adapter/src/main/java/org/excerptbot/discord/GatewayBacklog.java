package org.excerptbot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells whether JDA's gateway thread is working through a backlog of interactions, so that the work behind deferred
 * interactions can wait for it: on a busy CPU every acknowledgement (due within 3 s) then goes before the answers
 * (due within the token's 15 minutes), instead of competing with them for the cores.
 *
 * <p>Behind means: the interaction handled last reached the bot clearly later after its creation (its snowflake's
 * time) than the quickest one lately, and it was handled moments ago, so the gateway thread is still at it. The
 * quickest delay is kept per minute (the previous minute's counts too), which absorbs a clock offset from Discord's.
 * A task waits at most {@link #MAX_WAIT}; without a backlog it does not wait at all.
 */
final class GatewayBacklog {
    /** How much later than the quickest recent interaction one must arrive to count as queued. */
    static final Duration LAG_MARGIN = Duration.ofMillis(250);
    /** The gateway thread counts as busy this long after it handled an interaction. */
    static final Duration BUSY = Duration.ofMillis(20);
    /** The longest a deferred interaction's work waits for the gateway thread. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private static final long WINDOW_MILLIS = 60_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Clock clock;
    private volatile long lastHandledAt = Long.MIN_VALUE / 2;
    private volatile long lastLag;
    private long window = Long.MIN_VALUE;
    private long quickestThisWindow = Long.MAX_VALUE;
    private long quickestLastWindow = Long.MAX_VALUE;

    GatewayBacklog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The gateway thread is handling an interaction created (by Discord) at this time. */
    void handled(Instant created) {
        long now = clock.millis();
        long lag = now - created.toEpochMilli();
        synchronized (this) {
            long w = now / WINDOW_MILLIS;
            if (w != window) {
                quickestLastWindow = w == window + 1 ? quickestThisWindow : Long.MAX_VALUE;
                quickestThisWindow = Long.MAX_VALUE;
                window = w;
            }
            quickestThisWindow = Math.min(quickestThisWindow, lag);
            lastLag = lag - Math.min(quickestThisWindow, quickestLastWindow);
        }
        lastHandledAt = now;
    }

    /** Whether the gateway thread is still working through interactions that queued up. */
    boolean behind() {
        return clock.millis() - lastHandledAt <= BUSY.toMillis() && lastLag > LAG_MARGIN.toMillis();
    }

    /** Waits while the gateway thread is behind, at most {@link #MAX_WAIT}. */
    void awaitTurn() {
        long deadline = clock.millis() + MAX_WAIT.toMillis();
        while (behind() && clock.millis() < deadline && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
