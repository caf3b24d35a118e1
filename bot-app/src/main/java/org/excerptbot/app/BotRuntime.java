package org.excerptbot.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.Setting;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.schedule.DailyPosts;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.DeferredSlotListener;
import org.excerptbot.core.subscription.SubscriptionChatZones;
import org.excerptbot.core.subscription.SubscriptionCommands;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.core.subscription.SubscriptionStore;

/**
 * The core with its database: the stores, the subscription commands, chat zones from the subscriptions, and,
 * once the platforms' messengers exist, the daily posts. Wired with plain constructors.
 */
public final class BotRuntime implements AutoCloseable {
    private final PendingDataSource database;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final CoreServices core;
    private final ChatStatusListener chatStatus;
    private final DeferredSlotListener slots;
    private final Clock clock;
    private final Duration clusterCheckin;
    private final BotMetrics metrics;
    private DailyPosts dailyPosts;

    private BotRuntime(
            PendingDataSource database,
            SubscriptionStore subscriptions,
            DeliveryStore deliveries,
            CoreServices core,
            DeferredSlotListener slots,
            Clock clock,
            Duration clusterCheckin,
            BotMetrics metrics) {
        this.database = database;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.core = core;
        this.slots = slots;
        this.clock = clock;
        this.clusterCheckin = clusterCheckin;
        this.metrics = metrics;
        this.chatStatus = new SubscriptionChatStatus(subscriptions, clock);
    }

    /** Opens (and migrates) the configured database and builds the core around it, counting nothing. */
    public static BotRuntime open(AppConfig config, Clock clock) {
        return open(config, clock, BotMetrics.NONE);
    }

    /** Opens (and migrates) the configured database and builds the core around it, counted in {@code metrics}. */
    public static BotRuntime open(AppConfig config, Clock clock, BotMetrics metrics) {
        // the database opens (and migrates) while the corpus is parsed and the commands are built
        PendingDataSource database = new PendingDataSource(CompletableFuture.supplyAsync(() -> openDatabase(config)));
        try {
            SubscriptionStore subscriptions = new JdbcSubscriptionStore(database);
            DeliveryStore deliveries = new JdbcDeliveryStore(database);
            DeferredSlotListener slots = new DeferredSlotListener();
            SubscriptionService service = new SubscriptionService(subscriptions, config.zone(), clock, slots);
            ChatZones zones = new SubscriptionChatZones(subscriptions, config.zone());
            CoreServices core = CoreServices.build(
                    config, clock, zones, pool -> new SubscriptionCommands(service, pool::size).specs(), metrics);
            database.database(); // a database that cannot be opened stops start-up here, with its reason
            return new BotRuntime(
                    database, subscriptions, deliveries, core, slots, clock, config.clusterCheckin(), metrics);
        } catch (RuntimeException e) {
            closeQuietly(database);
            throw e;
        }
    }

    private static void closeQuietly(PendingDataSource database) {
        try {
            database.database().close();
        } catch (RuntimeException ignored) {
            // it never opened; the original failure is what matters
        }
    }

    /** The embedded H2 database in the data directory, or the database EXCERPT_BOT_DB_URL names. */
    public static Database openDatabase(AppConfig config) {
        return config.optional(Setting.DB_URL)
                .map(url -> Database.open(url, config.get(Setting.DB_USER), config.get(Setting.DB_PASSWORD)))
                .orElseGet(() -> Database.embedded(config.dataDir()));
    }

    /** How many cluster check-in intervals a claimed, unstarted post stays with its instance. */
    static final int CLAIM_LEASE_CHECKINS = 4;

    /** Starts the daily posts through these messengers (one per platform this instance serves). */
    public synchronized void startPosts(List<Messenger> messengers) {
        if (dailyPosts != null) throw new IllegalStateException("the daily posts are already started");
        dailyPosts = new DailyPosts(
                database.database(),
                subscriptions,
                deliveries,
                messengers,
                new ExcerptPosts(core.corpus(), core.rotation(), core.messages()),
                clock,
                DeliveryConfig.defaults().withClaimLease(clusterCheckin.multipliedBy(CLAIM_LEASE_CHECKINS)),
                "AUTO",
                clusterCheckin,
                metrics);
        slots.bind(dailyPosts);
        dailyPosts.start();
    }

    /** Stops the triggers and lets the posts in flight finish. */
    public synchronized void stopPosts() {
        if (dailyPosts != null) dailyPosts.stop();
    }

    public CoreServices core() {
        return core;
    }

    /** The database, once open (start-up waits for it). */
    public Database database() {
        return database.database();
    }

    /** Posts waiting to be sent (queued, or claimed by a sender and not started), for the delivery queue's depth. */
    public int pendingPosts() {
        var counts = deliveries.countByStatus();
        return counts.getOrDefault(DeliveryStatus.PENDING, 0) + counts.getOrDefault(DeliveryStatus.CLAIMED, 0);
    }

    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Where adapters report blocked and moved chats; it disables or moves their subscriptions. */
    public ChatStatusListener chatStatus() {
        return chatStatus;
    }

    @Override
    public void close() {
        try {
            stopPosts();
        } finally {
            database.database().close();
        }
    }
}
