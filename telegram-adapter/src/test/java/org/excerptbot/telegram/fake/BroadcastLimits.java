package org.excerptbot.telegram.fake;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Telegram's flood control over all chats, as the fake enforces it: at most {@code freePerSecond} messages in any
 * sliding second, and, for messages sent with {@code allow_paid_broadcast}, at most {@code paidPerSecond} of those
 * in any sliding second instead (Bot API 7.11: paid messages ignore the broadcasting limit, up to 1,000/s, 0.1 Star
 * each). Not thread-safe: the fake calls it under its lock.
 */
final class BroadcastLimits {
    /** Telegram's limit for paid broadcasts. */
    static final int PAID_PER_SECOND = 1000;

    private static final long SECOND = 1_000_000_000L;

    private final Deque<Long> free = new ArrayDeque<>();
    private final Deque<Long> paid = new ArrayDeque<>();
    private int freePerSecond;
    private int paidPerSecond;
    private long paidSent;
    private long sent;

    /** From now on at most {@code freePerSecond} unpaid and {@code paidPerSecond} paid messages a second (0: none). */
    void limit(int freePerSecond, int paidPerSecond) {
        this.freePerSecond = freePerSecond;
        this.paidPerSecond = paidPerSecond;
        free.clear();
        paid.clear();
    }

    /** Whether a message (paid or not) may be accepted now. */
    boolean admits(boolean isPaid, long nowNanos) {
        int limit = isPaid ? paidPerSecond : freePerSecond;
        if (limit <= 0) return true;
        Deque<Long> window = isPaid ? paid : free;
        while (!window.isEmpty() && nowNanos - window.peekFirst() >= SECOND) window.pollFirst();
        return window.size() < limit;
    }

    /** A message was accepted now. */
    void accepted(boolean isPaid, long nowNanos) {
        sent++;
        if (isPaid) paidSent++;
        int limit = isPaid ? paidPerSecond : freePerSecond;
        if (limit > 0) (isPaid ? paid : free).addLast(nowNanos);
    }

    /** The messages accepted so far, paid or not. */
    long sent() {
        return sent;
    }

    /** The paid messages accepted so far (each costs the bot 0.1 Star). */
    long paidSent() {
        return paidSent;
    }
}
