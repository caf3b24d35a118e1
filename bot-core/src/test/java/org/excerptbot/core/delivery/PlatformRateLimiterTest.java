package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.junit.jupiter.api.Test;

/** The limiter's decisions (not its timing, which the benchmark measures). */
class PlatformRateLimiterTest {
    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    /** The engine's clock stands still: chat permits come back only when the test says so. */
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final ChatRef USER = new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE);
    private static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-2", ChatType.GROUP);

    @Test
    void aChatGetsOneMessageAndThenMustWait() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, CLOCK);

        assertThat(limiter.chatWait(USER, NOW)).isZero();
        assertThat(limiter.chatWait(USER, NOW)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.chatWait(GROUP, NOW)).isZero();
    }

    @Test
    void aGroupGetsTwentyAMinute() {
        PlatformLimits fastChats = new PlatformLimits(30, 0.02, 1000, 1000, 20, Duration.ofSeconds(30));
        PlatformRateLimiter limiter = new PlatformRateLimiter(fastChats, CLOCK);

        for (int i = 0; i < 20; i++) assertThat(limiter.chatWait(GROUP, NOW)).isZero();
        assertThat(limiter.chatWait(GROUP, NOW)).isGreaterThan(Duration.ofSeconds(1));
        for (int i = 0; i < 21; i++) assertThat(limiter.chatWait(USER, NOW)).isZero();
    }

    @Test
    void a429PausesTheChatForRetryAfterAndThePlatformUpToItsCap() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, CLOCK);
        assertThat(limiter.chatWait(USER, NOW)).isZero();

        limiter.rateLimited(USER, Duration.ofHours(2), NOW);

        assertThat(limiter.chatWait(USER, NOW.plusSeconds(60)))
                .isEqualTo(Duration.ofHours(2).minusSeconds(60));
        assertThat(limiter.pausedUntil(NOW)).contains(NOW.plusSeconds(30));
        assertThat(limiter.pausedUntil(NOW.plusSeconds(30))).isEmpty();
        assertThat(limiter.chatWait(GROUP, NOW.plusSeconds(30))).isZero();
        // the refused message gave its chat permit back: the retry may go as soon as retry_after is over
        assertThat(limiter.chatWait(USER, NOW.plus(Duration.ofHours(2)))).isZero();
    }

    @Test
    void turnsAreASteadyIntervalApartSoNoSlidingSecondHoldsMoreThanTheLimit() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, CLOCK);
        long interval = Math.round(1e9 / (30 * 0.98));

        // eight senders asking at once get turns one interval apart
        long[] turns = new long[100];
        for (int i = 0; i < turns.length; i++) turns[i] = limiter.reserve(0);
        for (int i = 1; i < turns.length; i++)
            assertThat(turns[i] - turns[i - 1]).isEqualTo(interval);
        // 31 sends always span more than one second: a strict 30 per sliding second is never exceeded
        for (int i = 30; i < turns.length; i++) {
            assertThat(turns[i] - turns[i - 30]).isGreaterThan(TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    void idleTimeIsNotSavedUpAsABurst() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM.withRate(1000), CLOCK);
        long interval = Math.round(1e9 / (1000 * 0.98));
        long later = TimeUnit.SECONDS.toNanos(10);

        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(later)).isEqualTo(later);
        assertThat(limiter.reserve(later)).isEqualTo(later + interval);
        assertThat(limiter.reserve(later + 5 * interval)).isEqualTo(later + 5 * interval);
    }

    @Test
    void turnsMissedWhileBusyAreMadeUpAtTheFullRateNeverFaster() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM.withRate(1000), CLOCK);
        long interval = Math.round(1e9 / (1000 * 0.98));
        long full = TimeUnit.MILLISECONDS.toNanos(1);

        assertThat(limiter.reserve(0)).isZero();
        // the senders come back 2 ms late (a slow answer): about one turn is behind the pace
        long late = 2 * full;
        long[] turns = new long[3000];
        for (int i = 0; i < turns.length; i++) turns[i] = limiter.reserve(late);

        assertThat(turns[0]).isEqualTo(late);
        assertThat(turns[1] - turns[0]).as("made up at the full rate").isEqualTo(full);
        assertThat(turns[2999] - turns[2998]).as("then back on the pace").isEqualTo(interval);
        for (int i = 1; i < turns.length; i++) {
            assertThat(turns[i] - turns[i - 1]).as("never a burst").isGreaterThanOrEqualTo(full);
        }
        for (int i = 1000; i < turns.length; i++) {
            assertThat(turns[i] - turns[i - 1000])
                    .as("never more than the limit in a sliding second")
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    void atMostASecondsWorthOfTurnsIsMadeUp() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM.withRate(1000), CLOCK);
        long full = TimeUnit.MILLISECONDS.toNanos(1);
        long t = 0;
        // a turn every 0.9 s for 9 s (busy, never idle for a second): almost 9 s behind the pace
        for (int i = 0; i < 10; i++, t += TimeUnit.MILLISECONDS.toNanos(900)) limiter.reserve(t);

        long previous = limiter.reserve(t);
        int madeUp = 0;
        for (long turn = limiter.reserve(t); turn - previous == full; turn = limiter.reserve(t)) {
            madeUp++;
            previous = turn;
        }
        // one second behind is made up at 1000/s instead of 980/s: 20 turns gained a second, ~49,000 turns;
        // the whole 9 s would take ~440,000
        assertThat(madeUp).isBetween(45_000, 55_000);
    }

    @Test
    void theWindowGuardCountsSendsInFlightAndThoseThatEndedWithinASecond() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, CLOCK);
        long ms = TimeUnit.MILLISECONDS.toNanos(1);

        for (int i = 0; i < 30; i++) assertThat(limiter.tryStart(0)).isTrue();
        // thirty in flight: a slow answer holds the next send back, however long the pacer has waited
        assertThat(limiter.tryStart(5000 * ms)).isFalse();
        limiter.ended(5000 * ms);
        assertThat(limiter.tryStart(5999 * ms)).isFalse();
        // the platform counted that message at the latest when it answered: a second later it is out of its window
        assertThat(limiter.tryStart(6000 * ms)).isTrue();
        assertThat(limiter.tryStart(6000 * ms)).isFalse();
    }

    @Test
    void instancesSharingThePlatformEachTakeTheirShare() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, CLOCK);
        long interval = Math.round(1e9 / (30 * 0.98 / 2));

        limiter.share(2);
        long first = limiter.reserve(0);
        assertThat(limiter.reserve(0) - first).isEqualTo(interval);
        for (int i = 0; i < 15; i++) assertThat(limiter.tryStart(0)).isTrue();
        assertThat(limiter.tryStart(0)).isFalse();
        assertThat(limiter.sharedBy()).isEqualTo(2);
    }

    @Test
    void aSmallerShareWaitsASecondForTheSendsOfInstancesThatLeftAndANewOneIsTakenAtOnce() {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, CLOCK);
        long ms = TimeUnit.MILLISECONDS.toNanos(1);

        limiter.share(3, 0);
        assertThat(limiter.sharedBy()).isEqualTo(3);
        // one stopped sending (its last send may have counted just now), another one only for a moment
        limiter.share(1, 100 * ms);
        limiter.share(2, 600 * ms);
        limiter.share(1, 1099 * ms);
        assertThat(limiter.sharedBy()).isEqualTo(3);
        for (int i = 0; i < 10; i++) assertThat(limiter.tryStart(1099 * ms)).isTrue();
        assertThat(limiter.tryStart(1099 * ms)).isFalse();
        // a second after the first smaller count: the most instances seen within that second
        limiter.share(1, 1100 * ms);
        assertThat(limiter.sharedBy()).isEqualTo(2);
        assertThat(limiter.tryStart(1100 * ms)).isTrue();

        limiter.share(1, 1200 * ms);
        limiter.share(2, 1300 * ms);
        limiter.share(1, 2250 * ms);
        assertThat(limiter.sharedBy())
                .as("a count back at the share starts the wait afresh")
                .isEqualTo(2);
        limiter.share(4, 2300 * ms);
        assertThat(limiter.sharedBy()).isEqualTo(4);
    }

    @Test
    void anUnpacedPlatformNeverWaitsAndStopsWhenToldTo() throws Exception {
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.NONE, CLOCK);
        CountDownLatch running = new CountDownLatch(1);

        assertThat(limiter.awaitTurn(running)).isTrue();
        running.countDown();
        assertThat(limiter.awaitTurn(running)).isFalse();
    }

    @Test
    void chatsWhoseLimitsAreFullAgainAreForgottenSoOnlyTheLastSecondsChatsAreHeld() {
        MutableClock clock = new MutableClock(NOW);
        PlatformRateLimiter limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM.withRate(1000), clock);

        // a paid fan-out: 100,000 private chats, one a millisecond
        for (int i = 0; i < 100_000; i++) {
            ChatRef chat = new ChatRef(Platform.TELEGRAM, String.valueOf(1000 + i), ChatType.PRIVATE);
            assertThat(limiter.chatWait(chat, clock.instant())).isZero();
            clock.advance(Duration.ofMillis(1));
        }

        // a private chat's bucket is full a second after its post; sweeps run once a second
        assertThat(limiter.chatsHeld()).isBetween(1_000, 2_001);
    }

    @Test
    void aChatIsForgottenOnlyOnceItsLimitsAndItsPauseWouldNotHoldItBack() {
        MutableClock clock = new MutableClock(NOW);
        PlatformLimits fastChats = new PlatformLimits(30, 0.02, 1000, 1000, 20, Duration.ofSeconds(30));
        PlatformRateLimiter limiter = new PlatformRateLimiter(fastChats, clock);
        for (int i = 0; i < 20; i++)
            assertThat(limiter.chatWait(GROUP, clock.instant())).isZero();
        assertThat(limiter.chatWait(USER, clock.instant())).isZero();
        limiter.rateLimited(USER, Duration.ofHours(2), clock.instant());

        // sweeps run as other chats are sent to; the group's bucket is not full again before a minute
        sendToOthersFor(limiter, clock, Duration.ofSeconds(2));
        assertThat(limiter.chatWait(GROUP, clock.instant())).isPositive();
        assertThat(limiter.chatWait(USER, clock.instant()))
                .isEqualTo(Duration.ofHours(2).minusSeconds(2));

        sendToOthersFor(limiter, clock, Duration.ofHours(1));
        assertThat(limiter.chatWait(USER, clock.instant()))
                .isEqualTo(Duration.ofHours(1).minusSeconds(2));
        assertThat(limiter.chatsHeld()).isEqualTo(2);
        sendToOthersFor(limiter, clock, Duration.ofHours(1));
        assertThat(limiter.chatsHeld()).isEqualTo(1);
    }

    /** Sends to a new private chat every second for {@code span}, which runs the sweeps. */
    private static void sendToOthersFor(PlatformRateLimiter limiter, MutableClock clock, Duration span) {
        for (long s = 0; s < span.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            ChatRef other = new ChatRef(Platform.TELEGRAM, "other-" + clock.instant(), ChatType.PRIVATE);
            limiter.chatWait(other, clock.instant());
        }
    }
}
