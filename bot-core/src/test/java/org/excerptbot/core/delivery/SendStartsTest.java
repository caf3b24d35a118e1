package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendStartsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    /** The calls of startSending, each held until the test lets it go; rows not in {@code refused} start. */
    private static final class HeldStarts {
        final List<List<Long>> calls = new CopyOnWriteArrayList<>();
        final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
        final Set<Long> refused = new HashSet<>();
        volatile RuntimeException failure;

        DeliveryStore store() {
            return (DeliveryStore) Proxy.newProxyInstance(
                    DeliveryStore.class.getClassLoader(), new Class<?>[] {DeliveryStore.class}, (p, m, args) -> {
                        if (!m.getName().equals("startSending") || args.length != 3 || !(args[0] instanceof List)) {
                            throw new UnsupportedOperationException(m.getName());
                        }
                        @SuppressWarnings("unchecked")
                        List<Long> ids = (List<Long>) args[0];
                        CountDownLatch gate = new CountDownLatch(1);
                        gates.add(gate);
                        calls.add(List.copyOf(ids));
                        gate.await(10, TimeUnit.SECONDS);
                        if (failure != null) throw failure;
                        Set<Long> started = new HashSet<>(ids);
                        started.removeAll(refused);
                        return started;
                    });
        }
    }

    @Test
    void aLoneMarkIsWrittenAtOnceAndMarksThatComeMeanwhileShareTheNextTransaction() throws Exception {
        HeldStarts held = new HeldStarts();
        held.refused.add(3L);
        SendStarts starts = new SendStarts(held.store(), "me", clock);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            Future<Boolean> first = senders.submit(() -> starts.start(1));
            await().until(() -> held.calls.size() == 1);
            List<Future<Boolean>> later = new ArrayList<>();
            for (long id = 2; id <= 4; id++) {
                long mark = id;
                later.add(senders.submit(() -> starts.start(mark)));
            }
            // the three wait while the first transaction is written, then go in one
            await().during(java.time.Duration.ofMillis(100)).until(() -> held.calls.size() == 1);
            held.gates.get(0).countDown();
            await().until(() -> held.calls.size() == 2);
            held.gates.get(1).countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
            // the three senders reach the queue in whatever order their threads run
            assertThat(held.calls).hasSize(2);
            assertThat(held.calls.get(0)).containsExactly(1L);
            assertThat(held.calls.get(1)).containsExactlyInAnyOrder(2L, 3L, 4L);
            assertThat(later.get(0).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(later.get(1).get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(later.get(2).get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            held.gates.forEach(CountDownLatch::countDown);
            senders.shutdownNow();
        }
    }

    @Test
    void aFailedTransactionFailsEveryMarkInIt() {
        HeldStarts held = new HeldStarts();
        held.failure = new IllegalStateException("database down");
        SendStarts starts = new SendStarts(held.store(), "me", clock);
        CompletableFuture.runAsync(() -> {
            await().until(() -> !held.gates.isEmpty());
            held.gates.get(0).countDown();
        });

        assertThatThrownBy(() -> starts.start(7)).hasMessage("database down");
    }
}
