package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producing side of the daily posts' queue: queues the posts of a slot that fell due, and those missed while
 * down, in the {@link DeliveryStore} (the unique key makes that exactly once, across instances), and wakes the
 * {@link DeliveryEngine}s waiting for work. It needs no messenger, so the slot scheduler can use it before the
 * platforms are up; rows queued before an engine starts wait in the store.
 */
public final class PostQueue {
    private static final Logger log = LoggerFactory.getLogger(PostQueue.class);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final Clock clock;
    private final Duration grace;
    private final Object signal = new Object();

    /** @param grace how late a post may still be queued ({@link DeliveryConfig#grace()}) */
    public PostQueue(DeliveryStore deliveries, SubscriptionStore subscriptions, Clock clock, Duration grace) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero())
            throw new IllegalArgumentException("grace: must be positive, was " + grace);
    }

    /**
     * A slot fell due (its trigger fired): queues the posts of the occurrence the firing stands for, the last one at
     * or before {@code scheduledAt} (a misfired trigger fires at the moment it is noticed). An occurrence older than
     * the grace period (a misfire after long downtime) queues nothing. Returns how many posts were queued.
     */
    public int slotDue(Slot slot, Instant scheduledAt) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Instant now = clock.instant();
        Slot.Occurrence due = slot.occurrenceAtOrBefore(scheduledAt);
        if (Duration.between(due.at(), now).compareTo(grace) > 0) {
            log.warn("slot {} due at {} fired too late ({}), nothing queued", slot, due.at(), now);
            return 0;
        }
        // sending starts with the first batch queued, not after the whole slot
        int queued = deliveries.enqueue(slot, due.date(), due.at(), added -> wake());
        log.info("slot {} due at {}: {} posts queued", slot, due.at(), queued);
        return queued;
    }

    /**
     * Queues the posts of every active slot's occurrences that have passed, within the grace period, for
     * subscriptions that have none on that local date yet (a repeated time's second occurrence catches those made
     * between the two). Returns how many posts were queued.
     */
    public int catchUp() {
        Instant now = clock.instant();
        int queued = 0;
        for (Slot slot : subscriptions.activeSlots()) {
            LocalDate today = slot.dateAt(now);
            for (Slot.Occurrence o : slot.occurrencesOn(today)) {
                if (!o.at().isAfter(now) && Duration.between(o.at(), now).compareTo(grace) <= 0) {
                    queued += deliveries.enqueue(slot, o.date(), o.at());
                }
            }
        }
        if (queued > 0) {
            log.info("caught up {} posts missed while down", queued);
            wake();
        }
        return queued;
    }

    /** Wakes whoever waits for work (new posts were queued, or a wait they were given is over). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public Duration grace() {
        return grace;
    }

    /** Waits up to {@code max} (at least 1 ms) for {@link #wake()}; returns at once once {@code stop} is released. */
    void awaitWork(Duration max, CountDownLatch stop) {
        long millis = Math.max(1, max.toMillis());
        synchronized (signal) {
            if (stop.getCount() == 0) return;
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
