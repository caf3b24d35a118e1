package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The single writer of sent posts, against a store that only records (or refuses) what it is asked to write. */
class SentRecorderTest {
    private static final Instant AT = Instant.parse("2026-03-02T00:00:01Z");

    private final List<List<Long>> written = Collections.synchronizedList(new ArrayList<>());
    private final List<String> writers = Collections.synchronizedList(new ArrayList<>());
    private final DeliveryCounters counters = new DeliveryCounters();

    /** A store whose markSent records the batch's ids and then does what {@code then} says. */
    private DeliveryStore store(Function<List<SentMark>, Integer> then) {
        return (DeliveryStore) Proxy.newProxyInstance(
                DeliveryStore.class.getClassLoader(), new Class<?>[] {DeliveryStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("markSent") || args.length != 1) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    List<SentMark> marks = (List<SentMark>) args[0];
                    written.add(marks.stream().map(SentMark::deliveryId).toList());
                    writers.add(Thread.currentThread().getName());
                    return then.apply(marks);
                });
    }

    private static SentMark mark(long id) {
        return new SentMark(id, "m-" + id, OptionalLong.empty(), AT);
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }

    @Test
    void whatComesInWhileABatchIsWrittenIsWrittenInOneTransactionNext() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SentRecorder recorder = new SentRecorder(
                store(marks -> {
                    if (marks.get(0).deliveryId() == 1) {
                        writing.countDown();
                        await(release);
                    }
                    return marks.size();
                }),
                counters);
        recorder.start();

        recorder.record(mark(1));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        for (long id = 2; id <= 11; id++) recorder.record(mark(id));
        release.countDown();

        assertThat(recorder.stop(deadline())).isTrue();
        assertThat(written).containsExactly(List.of(1L), List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L));
        assertThat(writers).allSatisfy(name -> assertThat(name).startsWith("delivery-recorder-"));
        assertThat(counters.sent.get()).isEqualTo(11);
    }

    @Test
    void aBatchThatCannotBeWrittenTogetherIsWrittenOneByOne() {
        SentRecorder recorder = new SentRecorder(
                store(marks -> {
                    if (marks.size() > 1) throw new IllegalStateException("deadlock detected");
                    if (marks.get(0).deliveryId() == 2) throw new IllegalStateException("row locked");
                    return 1;
                }),
                counters);

        // not started: the stop writes what came in
        recorder.record(mark(1));
        recorder.record(mark(2));
        recorder.record(mark(3));
        assertThat(recorder.stop(deadline())).isTrue();

        assertThat(written).containsExactly(List.of(1L, 2L, 3L), List.of(1L), List.of(2L), List.of(3L));
        // the post that could not be recorded stays sending: never sent again
        assertThat(counters.sent.get()).isEqualTo(2);
    }

    @Test
    void aPostDeliveredAfterTheStopIsRecordedAtOnceOnItsSendersThread() {
        SentRecorder recorder = new SentRecorder(store(List::size), counters);
        recorder.start();
        recorder.record(mark(1));
        assertThat(recorder.stop(deadline())).isTrue();

        recorder.record(mark(2));

        assertThat(written).containsExactly(List.of(1L), List.of(2L));
        assertThat(writers.get(1)).isEqualTo(Thread.currentThread().getName());
        assertThat(counters.sent.get()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
