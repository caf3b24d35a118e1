package org.excerptbot.core.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of delivered posts: a thread that records them as sent in batches, one transaction for all that
 * came in while the previous batch was written (a sequential post's cursor moves in the same transaction). A post
 * delivered and not yet recorded when the process dies stays {@link DeliveryStatus#SENDING}, the "may have been
 * sent" state that is never sent again: writing behind loses and duplicates nothing, it only widens that window by
 * one batch. Once stopped, it records what still comes in (a send that outlived the engine's stop) at once, on the
 * caller's thread.
 */
final class SentRecorder {
    private static final Logger log = LoggerFactory.getLogger(SentRecorder.class);
    /** The most sent posts one transaction records. */
    static final int BATCH = 256;
    /** Queued by {@link #stop}: the writer records what came before it and ends. */
    private static final SentMark END = new SentMark(-1, null, OptionalLong.empty(), Instant.EPOCH);

    private final DeliveryStore deliveries;
    private final DeliveryCounters counters;
    private final BlockingQueue<SentMark> marks = new LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean stopped;

    SentRecorder(DeliveryStore deliveries, DeliveryCounters counters) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.writer = DaemonThreads.named("delivery-recorder").newThread(this::run);
    }

    void start() {
        writer.start();
    }

    /** A post was delivered: it is recorded with the next batch (at once when the recorder has stopped). */
    void record(SentMark mark) {
        Objects.requireNonNull(mark, "mark");
        synchronized (this) {
            if (!stopped) {
                marks.add(mark);
                return;
            }
        }
        write(List.of(mark));
    }

    /**
     * Records what has come in and ends the writer, waiting for it until {@code deadlineNanos} (on
     * {@link System#nanoTime()}). False when it was still writing then (it goes on in the background).
     */
    boolean stop(long deadlineNanos) {
        synchronized (this) {
            if (stopped) return !writer.isAlive();
            stopped = true;
            marks.add(END);
        }
        if (!writer.isAlive()) {
            // never started: write what came in on this thread
            List<SentMark> rest = new ArrayList<>();
            marks.drainTo(rest);
            rest.remove(END);
            if (!rest.isEmpty()) write(rest);
            return true;
        }
        try {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("{} sent posts not yet recorded when the stop timed out", Math.max(0, marks.size() - 1));
            return false;
        }
        return true;
    }

    private void run() {
        List<SentMark> batch = new ArrayList<>();
        boolean last = false;
        while (!last) {
            try {
                batch.add(marks.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            marks.drainTo(batch, BATCH - 1);
            last = batch.remove(END);
            if (!batch.isEmpty()) write(batch);
            batch.clear();
        }
    }

    private void write(List<SentMark> batch) {
        try {
            deliveries.markSent(batch);
            counters.sent.addAndGet(batch.size());
        } catch (RuntimeException e) {
            log.error("could not record {} sent posts together; recording them one by one", batch.size(), e);
            for (SentMark m : batch) {
                try {
                    deliveries.markSent(List.of(m));
                    counters.sent.incrementAndGet();
                } catch (RuntimeException again) {
                    // the row stays 'sending' and is never sent again: at most once
                    log.error("could not record sent post {}", m.deliveryId(), again);
                }
            }
        }
    }
}
