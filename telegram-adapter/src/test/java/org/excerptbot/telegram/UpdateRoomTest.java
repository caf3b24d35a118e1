package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpdateRoomTest {
    @Test
    void aPollWaitsUntilHalfTheRoomIsFreeAndAsksForAllOfIt() {
        UpdateRoom room = new UpdateRoom(8, () -> 0);
        for (int i = 0; i < 8; i++) assertThat(room.tryTake()).isTrue();
        assertThat(room.tryTake()).isFalse();

        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() -> room.awaitRoom(100, () -> false));
        for (int i = 0; i < 3; i++) room.release();
        await().during(Duration.ofMillis(300)).until(() -> !poll.isDone());
        room.release();
        assertThat(poll.join()).isEqualTo(4);
    }

    @Test
    void repliesWaitingForAConnectionTakeRoomToo() {
        AtomicInteger waitingSends = new AtomicInteger(3);
        UpdateRoom room = new UpdateRoom(8, waitingSends::get);
        assertThat(room.room()).isEqualTo(5);
        assertThat(room.awaitRoom(100, () -> false)).isEqualTo(5);
        assertThat(room.awaitRoom(2, () -> false)).as("never more than asked").isEqualTo(2);

        waitingSends.set(6);
        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() -> room.awaitRoom(100, () -> false));
        await().during(Duration.ofMillis(300)).until(() -> !poll.isDone());
        waitingSends.set(0);
        room.wake(); // a reply left the connection queue
        assertThat(poll.join()).isEqualTo(8);
    }

    @Test
    void aWaitingPollEndsWithNothingWhenTheBotStops() {
        UpdateRoom room = new UpdateRoom(2, () -> 0);
        room.tryTake();
        room.tryTake();
        AtomicInteger stopping = new AtomicInteger();
        CompletableFuture<Integer> poll =
                CompletableFuture.supplyAsync(() -> room.awaitRoom(100, () -> stopping.get() == 1));
        stopping.set(1);
        assertThat(poll.join()).isZero();
    }
}
