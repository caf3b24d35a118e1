package org.excerptbot.core.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;

/**
 * Keeps one platform's sends within its {@link PlatformLimits}. Overall: a pacer spaces sends a steady interval
 * apart (no burst builds up while idle; turns missed while the senders were busy, say on slow answers, are made up at
 * the platform's full rate, never faster, for at most a second's worth), and a window guard lets a send start only
 * while fewer than the limit's sends are in flight or ended within the last second. The platform counts a message at
 * some moment between the start and the end of its request, so the guard keeps a strict limit of N per sliding second
 * whatever the network and scheduling jitter; the pacer keeps the guard from ever having to hold a send back on a
 * quiet network. Per chat: a bucket per second, and per minute for groups and channels. And the pauses a 429
 * imposes. The pacer and the guard run on the monotonic clock (they shape the traffic of this very moment); the chat
 * buckets and the pauses run on the engine's {@link Clock}, like the deadlines ({@code not_before}) they turn into.
 */
final class PlatformRateLimiter {
    /** How often the chats whose limits are full again are forgotten (a sweep over the chats in use). */
    private static final long SWEEP_MILLIS = 1_000;

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

    private final Map<String, ChatState> chats = new ConcurrentHashMap<>();
    /** When the next sweep of {@link #chats} is due, in epoch milliseconds of the engine's clock. */
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    private volatile Instant platformPausedUntil = Instant.MIN;
    private long nextSlot;
    private long lastTurn;
    private boolean slotTaken;
    // the window guard, guarded by itself
    private final ArrayDeque<Long> recentEnds = new ArrayDeque<>();
    private int inFlight;

    private final TimeMeter engineTime;

    PlatformRateLimiter(PlatformLimits limits, Clock clock) {
        this.limits = limits;
        this.engineTime = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        apply(1);
        // a throwaway chat bucket, used once: the first post of a slot then finds Bucket4j loaded (about 30 ms cold)
        Bucket warm = chatBucket(ChatType.GROUP);
        if (warm != null) warm.tryConsume(1);
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
        Duration[] wait = {Duration.ZERO};
        withChat(chat, now, state -> {
            Instant paused = state.pausedUntil;
            if (paused.isAfter(now)) {
                wait[0] = Duration.between(now, paused);
            } else if (state.bucket != null) {
                ConsumptionProbe probe = state.bucket.tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) wait[0] = Duration.ofNanos(probe.getNanosToWaitForRefill());
            }
        });
        return wait[0];
    }

    /**
     * A 429: the chat waits {@code retryAfter} (and gets back the permit of the refused message); the whole platform
     * waits too, up to its cap.
     */
    void rateLimited(ChatRef chat, Duration retryAfter, Instant now) {
        withChat(chat, now, state -> {
            state.pausedUntil = now.plus(retryAfter);
            // nothing was delivered: the refused message does not count against the chat's own limit
            if (state.bucket != null) state.bucket.addTokens(1);
        });
        Duration platformPause =
                retryAfter.compareTo(limits.maxPlatformPause()) < 0 ? retryAfter : limits.maxPlatformPause();
        Instant until = now.plus(platformPause);
        synchronized (this) {
            if (until.isAfter(platformPausedUntil)) platformPausedUntil = until;
        }
    }

    /** When the platform may send again, if a 429 paused it. */
    Optional<Instant> pausedUntil(Instant now) {
        Instant until = platformPausedUntil;
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** Acts on the chat's state, created when the chat has none, as one step that a sweep cannot split. */
    private void withChat(ChatRef chat, Instant now, Consumer<ChatState> action) {
        forgetFullChats(now);
        chats.compute(chat.id(), (id, held) -> {
            ChatState state = held != null ? held : new ChatState(chatBucket(chat.type()), refillMillis(chat.type()));
            action.accept(state);
            state.lastUsed = now.toEpochMilli();
            return state;
        });
    }

    /**
     * How long after its last use a chat's bucket is full again: a chat forgotten after that starts afresh with a
     * full bucket, just as it would have been, so forgetting it changes nothing.
     */
    private long refillMillis(ChatType type) {
        long millis = 0;
        if (limits.chatPerSecond() > 0) millis = (long) Math.ceil(1000 * limits.chatBurst() / limits.chatPerSecond());
        if (type != ChatType.PRIVATE && limits.groupPerMinute() > 0) millis = Math.max(millis, 60_000);
        return millis;
    }

    /**
     * Forgets the chats whose buckets are full again and whose 429 pause is over, at most once per
     * {@link #SWEEP_MILLIS}: the map holds the chats of the last minute or so, not every chat ever sent to, and no
     * send pays for a sweep of its own.
     */
    private void forgetFullChats(Instant now) {
        long nowMillis = now.toEpochMilli();
        long due = nextSweep.get();
        if (nowMillis < due || !nextSweep.compareAndSet(due, nowMillis + SWEEP_MILLIS)) return;
        for (String id : chats.keySet())
            chats.computeIfPresent(id, (k, state) -> state.forgettable(now) ? null : state);
    }

    /** How many chats the limiter holds a state for (tests). */
    int chatsHeld() {
        return chats.size();
    }

    private Bucket chatBucket(ChatType type) {
        if (limits.chatPerSecond() <= 0 && limits.groupPerMinute() <= 0) return null;
        var builder = Bucket.builder().withCustomTimePrecision(engineTime);
        if (limits.chatPerSecond() > 0) {
            builder.addLimit(bandwidth(limits.chatPerSecond(), limits.chatBurst(), Duration.ofSeconds(1)));
        }
        if (type != ChatType.PRIVATE && limits.groupPerMinute() > 0) {
            builder.addLimit(Bandwidth.builder()
                    .capacity(limits.groupPerMinute())
                    .refillGreedy(limits.groupPerMinute(), Duration.ofMinutes(1))
                    .build());
        }
        return builder.build();
    }

    /** {@code rate} tokens per {@code per}, refilled one by one, at most {@code burst} stored. */
    private static Bandwidth bandwidth(double rate, int burst, Duration per) {
        long nanosPerToken = Math.max(1L, Math.round(per.toNanos() / rate));
        return Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(1, Duration.ofNanos(nanosPerToken))
                .initialTokens(burst)
                .build();
    }

    private static final class ChatState {
        final Bucket bucket;
        final long refillMillis;
        // guarded by the map's lock on the chat's entry
        Instant pausedUntil = Instant.MIN;
        /** Epoch milliseconds of the engine's clock. */
        long lastUsed;

        ChatState(Bucket bucket, long refillMillis) {
            this.bucket = bucket;
            this.refillMillis = refillMillis;
        }

        boolean forgettable(Instant now) {
            return now.toEpochMilli() - lastUsed >= refillMillis && !pausedUntil.isAfter(now);
        }
    }
}
