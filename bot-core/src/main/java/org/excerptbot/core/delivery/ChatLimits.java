package org.excerptbot.core.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;

/**
 * The per-chat side of a platform's {@link PlatformLimits}, for the {@link PlatformRateLimiter}: a bucket per chat
 * (per second, and per minute for groups and channels) and the pause a 429 puts on a chat, on the engine's
 * {@link Clock}. A chat is held only while it matters: once its bucket is full again and its pause is over it is
 * forgotten, so the map holds the chats of the last minute or so, not every chat ever sent to.
 */
final class ChatLimits {
    /** How often the chats whose limits are full again are forgotten (a sweep over the chats in use). */
    private static final long SWEEP_MILLIS = 1_000;

    private final PlatformLimits limits;
    private final TimeMeter engineTime;
    private final Map<String, ChatState> chats = new ConcurrentHashMap<>();
    /** When the next sweep of {@link #chats} is due, in epoch milliseconds of the engine's clock. */
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    ChatLimits(PlatformLimits limits, Clock clock) {
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
        // a throwaway chat bucket, used once: the first post of a slot then finds Bucket4j loaded (about 30 ms cold)
        Bucket warm = bucket(ChatType.GROUP);
        if (warm != null) warm.tryConsume(1);
    }

    /** How long a post to this chat must wait (zero: it may go now, and a chat permit was taken). */
    Duration waitFor(ChatRef chat, Instant now) {
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

    /** A 429: the chat waits {@code retryAfter}, and gets back the permit of the refused message. */
    void rateLimited(ChatRef chat, Duration retryAfter, Instant now) {
        withChat(chat, now, state -> {
            state.pausedUntil = now.plus(retryAfter);
            // nothing was delivered: the refused message does not count against the chat's own limit
            if (state.bucket != null) state.bucket.addTokens(1);
        });
    }

    /** Acts on the chat's state, created when the chat has none, as one step that a sweep cannot split. */
    private void withChat(ChatRef chat, Instant now, Consumer<ChatState> action) {
        forgetFullChats(now);
        chats.compute(chat.id(), (id, held) -> {
            ChatState state = held != null ? held : new ChatState(bucket(chat.type()), refillMillis(chat.type()));
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

    /** How many chats a state is held for. */
    int held() {
        return chats.size();
    }

    private Bucket bucket(ChatType type) {
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
