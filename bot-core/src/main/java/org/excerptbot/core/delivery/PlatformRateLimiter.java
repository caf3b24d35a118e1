package org.excerptbot.core.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;

/**
 * Keeps one platform's sends within its {@link PlatformLimits}: an overall token bucket that senders wait on
 * before they claim a post (so a claimed post can go at once), a bucket per chat (per second, and per minute for
 * groups and channels), and the pauses a 429 imposes. Buckets run on the monotonic clock (they shape real
 * traffic); pauses are instants of the engine's {@link java.time.Clock}, like every other deadline.
 */
final class PlatformRateLimiter {
    private static final int MAX_CHATS = 50_000;
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final PlatformLimits limits;
    private final Bucket global;
    private final Map<String, ChatState> chats = new ConcurrentHashMap<>();
    private volatile Instant platformPausedUntil = Instant.MIN;

    PlatformRateLimiter(PlatformLimits limits) {
        this.limits = limits;
        this.global = limits.perSecond() > 0 ? bucket(limits.perSecond(), limits.burst(), Duration.ofSeconds(1)) : null;
    }

    /**
     * Waits for up to {@code max} overall permits and takes what is there (at least one). Returns 0 when
     * {@code stop} was released while waiting.
     */
    int acquire(int max, CountDownLatch stop) throws InterruptedException {
        if (global == null) return stop.getCount() == 0 ? 0 : max;
        while (stop.getCount() > 0) {
            long got = global.tryConsumeAsMuchAsPossible(max);
            if (got > 0) return (int) got;
            long nanos = global.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            if (stop.await(Math.max(nanos, 100_000L), TimeUnit.NANOSECONDS)) return 0;
        }
        return 0;
    }

    /** Gives back permits that found no post to send. */
    void refund(int permits) {
        if (global != null && permits > 0) global.addTokens(permits);
    }

    /** How long a post to this chat must wait (zero: it may go now, and a chat permit was taken). */
    Duration chatWait(ChatRef chat, Instant now) {
        ChatState state = chatState(chat);
        Instant paused = state.pausedUntil;
        if (paused.isAfter(now)) return Duration.between(now, paused);
        if (state.bucket == null) return Duration.ZERO;
        ConsumptionProbe probe = state.bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** A 429: the chat waits {@code retryAfter}; the whole platform waits too, up to its cap. */
    void rateLimited(ChatRef chat, Duration retryAfter, Instant now) {
        chatState(chat).pausedUntil = now.plus(retryAfter);
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

    private ChatState chatState(ChatRef chat) {
        if (chats.size() > MAX_CHATS) evictIdle();
        ChatState state = chats.computeIfAbsent(chat.id(), id -> new ChatState(chatBucket(chat.type())));
        state.lastUsed = System.nanoTime();
        return state;
    }

    private Bucket chatBucket(ChatType type) {
        if (limits.chatPerSecond() <= 0 && limits.groupPerMinute() <= 0) return null;
        var builder = Bucket.builder();
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

    private static Bucket bucket(double rate, int burst, Duration per) {
        return Bucket.builder().addLimit(bandwidth(rate, burst, per)).build();
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

    private void evictIdle() {
        long now = System.nanoTime();
        chats.values().removeIf(s -> now - s.lastUsed > IDLE_NANOS);
    }

    private static final class ChatState {
        final Bucket bucket;
        volatile Instant pausedUntil = Instant.MIN;
        volatile long lastUsed;

        ChatState(Bucket bucket) {
            this.bucket = bucket;
        }
    }
}
