package org.excerptbot.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.PostComposer;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscriptionStore;

/**
 * The daily posts as one unit: the {@link DeliveryEngine} (queue, senders, catch-up) and the
 * {@link SlotScheduler} (one Quartz trigger per slot) over one database. Start it after the messengers are
 * ready; stop it before they close.
 */
public final class DailyPosts implements SlotListener {
    private final SubscriptionStore subscriptions;
    private final DeliveryEngine engine;
    private final SlotScheduler scheduler;

    /**
     * @param quartzInstanceId this node's id in the Quartz cluster; {@code AUTO} in production
     * @param checkin how often this instance checks in with the cluster
     * @param metrics where the scheduler's lag is recorded
     */
    public DailyPosts(
            Database database,
            SubscriptionStore subscriptions,
            DeliveryStore deliveries,
            List<Messenger> messengers,
            PostComposer composer,
            Clock clock,
            DeliveryConfig config,
            String quartzInstanceId,
            Duration checkin,
            BotMetrics metrics) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.engine = new DeliveryEngine(deliveries, subscriptions, messengers, composer, clock, config);
        this.scheduler = new SlotScheduler(database, engine::slotDue, clock, quartzInstanceId, checkin, metrics);
    }

    /** Catches up missed posts, starts the senders, then the triggers (a misfired trigger fires at once). */
    public void start() {
        engine.start();
        scheduler.start(subscriptions.activeSlots());
    }

    /** A subscription entered the slot: make sure it has a trigger. */
    @Override
    public void slotInUse(Slot slot) {
        scheduler.ensure(slot);
    }

    /** Stops the triggers (waiting for a running one), then lets the posts in flight finish. */
    public void stop() {
        scheduler.stop();
        engine.stop();
    }

    public DeliveryEngine engine() {
        return engine;
    }

    public SlotScheduler scheduler() {
        return scheduler;
    }
}
