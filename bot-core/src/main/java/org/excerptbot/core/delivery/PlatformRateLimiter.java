package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;

/**
 * Keeps one platform's sends within its {@link PlatformLimits}. Overall: a pacer spaces sends a steady interval
 * apart (no burst builds up while idle; turns missed while the senders were busy, say on slow answers, are made up at
 * the platform's full rate, never faster, for at most a second's worth), and a window guard lets a send start only
 * while fewer than the limit's sends are in flight or ended within the last second. The platform counts a message at
 * some moment between the start and the end of its request, so the guard keeps a strict limit of N per sliding second
 * whatever the network and scheduling jitter; the pacer keeps the guard from ever having to hold a send back on a
 * quiet network. Per chat: the {@link ChatLimits}. And the pause a 429 imposes on the whole platform. The pacer
 * and the guard run on the monotonic clock (they shape the traffic of this very moment); the chat limits and the
 * pauses run on the engine's {@link Clock}, like the deadlines ({@code not_before}) they turn into.
 */
final class PlatformRateLimiter {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_GUARD_WAIT = TimeUnit.MILLISECONDS.toNanos(50);

    private final PlatformLimits limits;
    /** Nanoseconds between two sends of this instance; 0 when the platform is not paced. */
    private volatile long intervalNanos;
    /** Nanoseconds between two sends at the full rate (no headroom): the pace while making up missed turns. */
    private long fullRateIntervalNanos;
    /** The most sends of this instance in any sliding second (its share of the platform's limit). */
    private volatile int perSecondWindow;

    private int sharedBy;
    /** The most instances counted since fewer than {@link #sharedBy} were first counted, at {@link #fewerSince}. */
    private int fewerSeen;

    private long fewerSince;

    private final ChatLimits chats;

    private volatile Instant platformPausedUntil = Instant.MIN;
    private long nextSlot;
    private long lastTurn;
    private boolean slotTaken;
    // the window guard, guarded by itself
    private final ArrayDeque<Long> recentEnds = new ArrayDeque<>();
    private int inFlight;

    PlatformRateLimiter(PlatformLimits limits, Clock clock) {
        this.limits = limits;
        this.chats = new ChatLimits(limits, clock);
        apply(1);
    }

    /**
     * Waits for this sender's turn to send: its pacing slot, then room under the window guard. After true the
     * caller sends and then calls {@link #sent()}, or calls {@link #unused()} when it did not send after all.
     * Returns false when {@code stop} was released while waiting (no turn is held).
     */
    boolean awaitTurn(CountDownLatch stop) throws InterruptedException {
        if (intervalNanos == 0) return stop.getCount() > 0;
        long wait = reserve(System.nanoTime()) - System.nanoTime();
        if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) return false;
        synchronized (recentEnds) {
            while (stop.getCount() > 0) {
                long now = System.nanoTime();
                if (tryStart(now)) return true;
                long untilRoom = recentEnds.isEmpty() ? MAX_GUARD_WAIT : recentEnds.peekFirst() + SECOND - now;
                TimeUnit.NANOSECONDS.timedWait(recentEnds, Math.max(1000, Math.min(untilRoom, MAX_GUARD_WAIT)));
            }
            return false;
        }
    }

    /** The send of a turn ended (whatever the answer): it counts in the window guard for one more second. */
    void sent() {
        ended(System.nanoTime());
    }

    /** A turn was not used for a send. */
    void unused() {
        if (intervalNanos == 0) return;
        synchronized (recentEnds) {
            inFlight--;
            recentEnds.notifyAll();
        }
    }

    /**
     * The platform's limit is shared by this many instances sending now (each paces at its share, and its window
     * guard admits its share), so that together they keep to the limit. More instances take effect at once. Fewer
     * take effect only once they have been seen for a second (the platform's window): an instance drops out of the
     * count when its last send has ended, and that send still counts against the limit for a second.
     */
    void share(int instances) {
        share(instances, System.nanoTime());
    }

    synchronized void share(int instances, long nowNanos) {
        int n = Math.max(1, instances);
        if (n >= sharedBy) {
            fewerSeen = 0;
            if (n > sharedBy) apply(n);
            return;
        }
        if (fewerSeen == 0) {
            fewerSince = nowNanos;
            fewerSeen = n;
        } else {
            fewerSeen = Math.max(fewerSeen, n);
        }
        if (nowNanos - fewerSince >= SECOND) {
            apply(fewerSeen);
            fewerSeen = 0;
        }
    }

    private void apply(int n) {
        sharedBy = n;
        double paced = limits.pacedPerSecond() / n;
        intervalNanos = paced > 0 ? Math.max(1L, Math.round(1e9 / paced)) : 0;
        fullRateIntervalNanos = paced > 0 ? Math.max(1L, Math.round(1e9 * n / limits.perSecond())) : 0;
        perSecondWindow = (int) Math.max(1, Math.floor(limits.perSecond() / n));
    }

    /** How many instances this one currently shares the platform's limit with, itself included. */
    synchronized int sharedBy() {
        return sharedBy;
    }

    /**
     * Takes the next turn at or after {@code nowNanos} and returns when it is. On pace, one interval after the
     * previous turn. Behind it (the senders were busy when turns fell due), as soon as the platform's full rate
     * allows, until the pace is made up; at most a second's worth of turns is made up. After a second without a
     * turn (the platform was idle) the pace starts afresh: idle time is not saved up.
     */
    synchronized long reserve(long nowNanos) {
        if (!slotTaken || nowNanos - lastTurn > SECOND) {
            nextSlot = nowNanos;
        } else if (nowNanos - nextSlot > SECOND) {
            nextSlot = nowNanos - SECOND;
        }
        long turn = slotTaken ? Math.max(nextSlot, lastTurn + fullRateIntervalNanos) : nextSlot;
        if (turn - nowNanos < 0) turn = nowNanos;
        nextSlot += intervalNanos;
        lastTurn = turn;
        slotTaken = true;
        return turn;
    }

    /** The window guard: a send may start while fewer than the limit are in flight or ended within a second. */
    boolean tryStart(long nowNanos) {
        synchronized (recentEnds) {
            while (!recentEnds.isEmpty() && nowNanos - recentEnds.peekFirst() >= SECOND) recentEnds.pollFirst();
            if (inFlight + recentEnds.size() >= perSecondWindow) return false;
            inFlight++;
            return true;
        }
    }

    void ended(long nowNanos) {
        if (intervalNanos == 0) return;
        synchronized (recentEnds) {
            // no wake-up: the send moves from in flight to ended, and the guard's count stays the same
            inFlight--;
            recentEnds.addLast(nowNanos);
        }
    }

    /** How long a post to this chat must wait (zero: it may go now, and a chat permit was taken). */
    Duration chatWait(ChatRef chat, Instant now) {
        return chats.waitFor(chat, now);
    }

    /**
     * A 429: the chat waits {@code retryAfter} (and gets back the permit of the refused message); the whole platform
     * waits too, up to its cap.
     */
    void rateLimited(ChatRef chat, Duration retryAfter, Instant now) {
        chats.rateLimited(chat, retryAfter, now);
        Duration platformPause =
                retryAfter.compareTo(limits.maxPlatformPause()) < 0 ? retryAfter : limits.maxPlatformPause();
        Instant until = now.plus(platformPause);
        synchronized (this) {
            if (until.isAfter(platformPausedUntil)) platformPausedUntil = until;
        }
    }

    /** How many chats the limiter holds a state for (tests). */
    int chatsHeld() {
        return chats.held();
    }

    /** When the platform may send again, if a 429 paused it. */
    Optional<Instant> pausedUntil(Instant now) {
        Instant until = platformPausedUntil;
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }
}
