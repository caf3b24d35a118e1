package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.excerptbot.core.delivery.MutableClock;
import org.junit.jupiter.api.Test;

/** When the deferred work waits for the gateway thread: only while it works through interactions that queued up. */
class GatewayBacklogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T05:00:00Z"));
    private final GatewayBacklog backlog = new GatewayBacklog(clock);

    @Test
    void nothingHandledIsNoBacklog() {
        assertThat(backlog.behind()).isFalse();
        backlog.awaitTurn(); // returns at once: the clock never moves, so a wait would never end
    }

    @Test
    void interactionsArrivingAsUsualAreNoBacklog() {
        for (int i = 0; i < 50; i++) {
            backlog.handled(clock.instant().minusMillis(40 + i % 7));
            clock.advance(Duration.ofMillis(3));
        }
        assertThat(backlog.behind()).isFalse();
        backlog.awaitTurn();
    }

    @Test
    void aClockOffsetFromDiscordsIsNoBacklog() {
        // Discord's clock 4 s ahead of ours: every interaction seems created in the future, all by about as much
        for (int i = 0; i < 50; i++) {
            backlog.handled(clock.instant().plusSeconds(4).minusMillis(30 + i % 5));
            clock.advance(Duration.ofMillis(2));
        }
        assertThat(backlog.behind()).isFalse();
    }

    @Test
    void interactionsHandledLateWhileTheThreadIsBusyAreABacklog() {
        backlog.handled(clock.instant().minusMillis(30));
        clock.advance(Duration.ofMillis(100));
        // a burst: each one handled later after its creation than the quickest
        for (int i = 1; i <= 40; i++) {
            backlog.handled(clock.instant().minusMillis(30 + 25L * i));
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(backlog.behind()).isTrue();
    }

    @Test
    void theBacklogEndsWhenTheThreadHasNothingMoreToHandle() {
        backlog.handled(clock.instant().minusMillis(30));
        backlog.handled(clock.instant().minusMillis(1_500));
        assertThat(backlog.behind()).isTrue();

        clock.advance(GatewayBacklog.BUSY.plusMillis(1));

        assertThat(backlog.behind()).isFalse();
        backlog.awaitTurn();
    }

    @Test
    void aLateInteractionAfterTheQueueDrainedIsNoLongerABacklog() {
        backlog.handled(clock.instant().minusMillis(30));
        backlog.handled(clock.instant().minusMillis(2_000));
        assertThat(backlog.behind()).isTrue();

        backlog.handled(clock.instant().minusMillis(35));

        assertThat(backlog.behind()).isFalse();
    }

    @Test
    void waitsUntilTheBacklogEnds() {
        backlog.handled(clock.instant().minusMillis(30));
        backlog.handled(clock.instant().minusMillis(1_500));

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(backlog::awaitTurn);

        // the clock stands still: the gateway thread counts as busy, and the longest wait never ends
        assertThat(waiting).isNotDone();
        clock.advance(GatewayBacklog.BUSY.plusMillis(1));
        await("the wait to end once the gateway thread is idle").until(waiting::isDone);
    }
}
