package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two lanes of the interaction threads: a waiting acknowledgement goes before waiting follow-up work, and
 * follow-up work never occupies the last thread. Tasks block on latches the test opens, so that the order is certain.
 */
class InteractionThreadsTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final InteractionThreads threads = new InteractionThreads("test-interactions", 2);

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    /** A task that notes its name and, if a latch is given, waits for it. */
    private Runnable task(String name, CountDownLatch waitFor) {
        return () -> {
            ran.add(name);
            waitFor(waitFor);
        };
    }

    private Runnable task(String name) {
        return task(name, new CountDownLatch(0));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWaitingAcknowledgementGoesBeforeFollowUpWorkThatCameFirst() {
        CountDownLatch firstDone = new CountDownLatch(1);
        threads.execute(task("busy 1", firstDone));
        threads.execute(task("busy 2", release));
        await("both threads busy").until(() -> ran.size() == 2);

        threads.followUp(task("follow-up"));
        threads.execute(task("acknowledgement"));
        firstDone.countDown();

        await("both run on the thread that became free").until(() -> ran.size() == 4);
        assertThat(ran.subList(2, 4)).containsExactly("acknowledgement", "follow-up");
    }

    @Test
    void followUpWorkNeverOccupiesTheLastThread() {
        threads.followUp(task("slow follow-up 1", release));
        threads.followUp(task("slow follow-up 2", release));
        threads.execute(task("acknowledgement"));

        await("the acknowledgement ran while the follow-up work is stuck")
                .until(() -> ran.containsAll(List.of("slow follow-up 1", "acknowledgement")));
        assertThat(ran).containsExactlyInAnyOrder("slow follow-up 1", "acknowledgement");

        release.countDown();
        await("the second follow-up once the first is done").until(() -> ran.contains("slow follow-up 2"));
    }

    @Test
    void aFailingTaskCostsNoThreadAndFreesItsFollowUpPlace() {
        threads.execute(() -> {
            throw new IllegalStateException("acknowledgement failed");
        });
        threads.followUp(() -> {
            throw new IllegalStateException("follow-up failed");
        });

        CountDownLatch bothRunning = new CountDownLatch(2);
        for (String name : List.of("a", "b")) {
            threads.execute(() -> {
                bothRunning.countDown();
                waitFor(bothRunning);
                ran.add(name);
            });
        }
        threads.followUp(task("follow-up after the failed one"));

        await("both threads still run tasks, at once")
                .until(() -> ran.containsAll(List.of("a", "b", "follow-up after the failed one")));
    }

    @Test
    void anInterruptLeftByATaskDoesNotReachTheNextOne() {
        CountDownLatch firstDone = new CountDownLatch(1);
        threads.execute(task("busy 1", firstDone));
        threads.execute(task("busy 2", release));
        await("both threads busy").until(() -> ran.size() == 2);
        threads.execute(() -> Thread.currentThread().interrupt());
        threads.execute(() -> ran.add(Thread.currentThread().isInterrupted() ? "interrupted" : "not interrupted"));

        // both run on the thread that becomes free, one after the other
        firstDone.countDown();

        await("the second task ran").until(() -> ran.size() == 3);
        assertThat(ran.get(2)).isEqualTo("not interrupted");
    }

    @Test
    void shutdownRunsWhatIsQueuedAndRefusesNewTasks() throws InterruptedException {
        threads.execute(task("running 1", release));
        threads.execute(task("running 2", release));
        await("both threads busy").until(() -> ran.size() == 2);
        threads.followUp(task("queued follow-up"));
        threads.execute(task("queued acknowledgement"));
        threads.shutdown();

        assertThat(threads.isShutdown()).isTrue();
        assertThatThrownBy(() -> threads.execute(task("late"))).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> threads.followUp(task("late"))).isInstanceOf(RejectedExecutionException.class);
        assertThat(threads.isTerminated()).isFalse();

        release.countDown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.isTerminated()).isTrue();
        assertThat(ran)
                .containsExactlyInAnyOrder("running 1", "running 2", "queued acknowledgement", "queued follow-up");
    }

    @Test
    void shutdownNowInterruptsWhatRunsAndDropsWhatIsQueued() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.execute(() -> {
                ran.add("running");
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.add(true);
                }
            });
        }
        await("both running").until(() -> ran.size() == 2);
        threads.followUp(task("queued"));

        List<Runnable> dropped = threads.shutdownNow();

        assertThat(dropped).hasSize(1);
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).hasSize(2);
        assertThat(ran).doesNotContain("queued");
    }

    @Test
    void needsAThreadForAcknowledgementsBesidesTheFollowUpWork() {
        assertThatThrownBy(() -> new InteractionThreads("x", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads: must be at least 2, was 1");
    }
}
