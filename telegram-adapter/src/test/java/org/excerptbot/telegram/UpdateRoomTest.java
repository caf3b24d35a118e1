package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IntakeTest {
    @Test
    void aPollWaitsUntilHalfTheRoomIsFreeAndAsksForAllOfIt() {
        Intake intake = new Intake(8, () -> 0);
        for (int i = 0; i < 8; i++) assertThat(intake.tryTake()).isTrue();
        assertThat(intake.tryTake()).isFalse();

        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() -> intake.awaitRoom(100, () -> false));
        for (int i = 0; i < 3; i++) intake.release();
        await().during(Duration.ofMillis(300)).until(() -> !poll.isDone());
        intake.release();
        assertThat(poll.join()).isEqualTo(4);
    }

    @Test
    void repliesWaitingForAConnectionTakeRoomToo() {
        AtomicInteger waitingSends = new AtomicInteger(3);
        Intake intake = new Intake(8, waitingSends::get);
        assertThat(intake.room()).isEqualTo(5);
        assertThat(intake.awaitRoom(100, () -> false)).isEqualTo(5);
        assertThat(intake.awaitRoom(2, () -> false)).as("never more than asked").isEqualTo(2);

        waitingSends.set(6);
        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() -> intake.awaitRoom(100, () -> false));
        await().during(Duration.ofMillis(300)).until(() -> !poll.isDone());
        waitingSends.set(0);
        intake.wake(); // a reply left the connection queue
        assertThat(poll.join()).isEqualTo(8);
    }

    @Test
    void aWaitingPollEndsWithNothingWhenTheBotStops() {
        Intake intake = new Intake(2, () -> 0);
        intake.tryTake();
        intake.tryTake();
        AtomicInteger stopping = new AtomicInteger();
        CompletableFuture<Integer> poll =
                CompletableFuture.supplyAsync(() -> intake.awaitRoom(100, () -> stopping.get() == 1));
        stopping.set(1);
        assertThat(poll.join()).isZero();
    }
}
