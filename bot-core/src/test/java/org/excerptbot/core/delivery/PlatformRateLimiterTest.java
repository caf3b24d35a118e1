package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.junit.jupiter.api.Test;

/** The limiter's decisions (not its timing, which the benchmark measures). */
class PlatformRateLimiterTest {
    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    private static final ChatRef USER = new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE);
    private static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-2", ChatType.GROUP);

    @Test
    void aChatGetsOneMessageAndThenMustWait() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM);

        assertThat(limiter.chatWait(USER, NOW)).isZero();
        assertThat(limiter.chatWait(USER, NOW)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.chatWait(GROUP, NOW)).isZero();
    }

    @Test
    void aGroupGetsTwentyAMinute() {
        PlatformLimits fastChats = new PlatformLimits(30, 1, 1000, 1000, 20, Duration.ofSeconds(30));
        PlatformRateLimiter limiter = new PlatformRateLimiter(fastChats);

        for (int i = 0; i < 20; i++) assertThat(limiter.chatWait(GROUP, NOW)).isZero();
        assertThat(limiter.chatWait(GROUP, NOW)).isGreaterThan(Duration.ofSeconds(1));
        for (int i = 0; i < 21; i++) assertThat(limiter.chatWait(USER, NOW)).isZero();
    }

    @Test
    void a429PausesTheChatForRetryAfterAndThePlatformUpToItsCap() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM);

        limiter.rateLimited(USER, Duration.ofHours(2), NOW);

        assertThat(limiter.chatWait(USER, NOW.plusSeconds(60)))
                .isEqualTo(Duration.ofHours(2).minusSeconds(60));
        assertThat(limiter.pausedUntil(NOW)).contains(NOW.plusSeconds(30));
        assertThat(limiter.pausedUntil(NOW.plusSeconds(30))).isEmpty();
        assertThat(limiter.chatWait(GROUP, NOW.plusSeconds(30))).isZero();
    }

    @Test
    void acquireTakesWhatTheBucketHoldsAndReturnsNothingOnceStopped() throws Exception {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM.withRate(1000, 20));
        CountDownLatch running = new CountDownLatch(1);

        assertThat(limiter.acquire(50, running)).isEqualTo(20);
        limiter.refund(5);
        assertThat(limiter.acquire(50, running)).isBetween(5, 20);
        running.countDown();
        assertThat(limiter.acquire(50, running)).isZero();
    }
}
