package org.excerptbot.core.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Marks claimed posts {@link DeliveryStatus#SENDING} for the senders, several in one transaction: a sender whose
 * post's turn came waits for the transaction that holds its mark, and the marks that come in while one is written
 * go into the next. At the paid rate that turns a commit per post into one per few posts, with no wait added when
 * posts are few (a lone mark is written at once). Each post is still marked before its request leaves, so a post
 * whose mark was not written is never sent.
 */
final class SendStarts {
    private final DeliveryStore deliveries;
    private final String owner;
    private final Clock clock;
    // guarded by this: the marks waiting for the next transaction, and whether one is being written
    private List<Mark> waiting = new ArrayList<>();
    private boolean writing;

    /** One sender's mark: its outcome, once its transaction ended. */
    private static final class Mark {
        final long deliveryId;
        boolean done;
        boolean started;
        RuntimeException failure;

        Mark(long deliveryId) {
            this.deliveryId = deliveryId;
        }
    }

    SendStarts(DeliveryStore deliveries, String owner, Clock clock) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Marks the post sending, with the posts of other senders that came at the same time; false when the row was no
     * longer this engine's (the caller must not send it). Throws the store's failure, the row then still claimed.
     */
    boolean start(long deliveryId) throws InterruptedException {
        Mark mine = new Mark(deliveryId);
        List<Mark> batch;
        synchronized (this) {
            waiting.add(mine);
            boolean interrupted = false;
            while (writing && !mine.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // not yet taken into a transaction: withdrawn, so it is never marked
                    if (waiting.remove(mine)) throw e;
                    // already being written: its outcome decides, as for any other mark
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (mine.done) return outcome(mine);
            // everything waiting, this mark among them: at most one per sender
            writing = true;
            batch = waiting;
            waiting = new ArrayList<>();
        }
        write(batch);
        synchronized (this) {
            writing = false;
            notifyAll();
        }
        return outcome(mine);
    }

    private void write(List<Mark> batch) {
        Set<Long> started = null;
        RuntimeException failure = null;
        try {
            started = deliveries.startSending(
                    batch.stream().map(m -> m.deliveryId).toList(), owner, clock.instant());
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (this) {
            for (Mark m : batch) {
                m.started = started != null && started.contains(m.deliveryId);
                m.failure = failure;
                m.done = true;
            }
        }
    }

    private static boolean outcome(Mark mark) {
        if (mark.failure != null) throw mark.failure;
        return mark.started;
    }
}
