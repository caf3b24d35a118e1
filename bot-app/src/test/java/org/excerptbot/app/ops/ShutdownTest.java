package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.excerptbot.app.ops.Shutdown.Phase;
import org.junit.jupiter.api.Test;

class ShutdownTest {
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void stepsRunByPhaseThenInRegistrationOrderWhateverOrderTheyWereAddedIn() {
        Shutdown shutdown = new Shutdown()
                .register(Phase.CLOSE_POOL, "database pool", () -> log.add("pool"))
                .register(Phase.CLOSE_PLATFORMS, "telegram", () -> log.add("telegram"))
                .register(Phase.STOP_POSTS, "daily posts", () -> log.add("posts"))
                .register(Phase.STOP_ACCEPTING, "http", () -> log.add("http"))
                .register(Phase.CLOSE_PLATFORMS, "discord", () -> log.add("discord"));

        assertThat(shutdown.run()).isEmpty();

        // the posts stop before the platforms whose messengers they use
        assertThat(log).containsExactly("http", "posts", "telegram", "discord", "pool");
    }

    @Test
    void aFailingStepIsReportedAndTheRestStillRun() {
        Shutdown shutdown = new Shutdown()
                .register(Phase.STOP_ACCEPTING, "discord", () -> {
                    throw new IllegalStateException("gateway already closed");
                })
                .register(Phase.CLOSE_POOL, "database pool", () -> log.add("pool"));

        assertThat(shutdown.run()).containsExactly("discord");
        assertThat(log).containsExactly("pool");
    }

    @Test
    void itRunsOnceAndRefusesLateSteps() {
        Shutdown shutdown = new Shutdown().register(Phase.CLOSE_POOL, "pool", () -> log.add("pool"));
        shutdown.run();
        shutdown.run();

        assertThat(log).containsExactly("pool");
        assertThat(shutdown.started()).isTrue();
        assertThatThrownBy(() -> shutdown.register(Phase.CLOSE_POOL, "late", () -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("late");
    }

    @Test
    void sendsInFlightFinishBeforeTheSchedulerStopsAndThePoolCloses() throws Exception {
        // an in-process stand-in for the engine: a send is running when the stop begins
        ExecutorService senders = Executors.newSingleThreadExecutor();
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean poolClosed = new AtomicBoolean();
        senders.execute(() -> {
            sending.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add(poolClosed.get() ? "send finished after the pool closed" : "send finished");
        });
        sending.await();
        Shutdown shutdown = new Shutdown()
                .register(Phase.CLOSE_POOL, "pool", () -> poolClosed.set(true))
                .register(Phase.CLOSE_PLATFORMS, "scheduler", () -> log.add("scheduler stopped"))
                .register(Phase.STOP_POSTS, "senders", () -> {
                    senders.shutdown();
                    release.countDown();
                    senders.awaitTermination(10, TimeUnit.SECONDS);
                });

        shutdown.run();

        assertThat(log).containsExactly("send finished", "scheduler stopped");
        assertThat(poolClosed).isTrue();
    }

    @Test
    void sigtermRunsTheStepsInOrderThroughTheJvmHook() throws Exception {
        String launcher = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(
                        launcher, "-cp", System.getProperty("java.class.path"), ShutdownProbe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            p.toHandle().destroy(); // SIGTERM on Unix; unlike Process.destroy it leaves our end of the pipes open
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out.lines().toList())
                    .containsExactly("http stopped", "in-flight send finished", "scheduler stopped", "pool closed");
        } finally {
            p.destroyForcibly();
        }
    }
}
