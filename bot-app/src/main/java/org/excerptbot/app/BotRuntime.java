package org.excerptbot.app;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.platform.Platforms;
import org.excerptbot.core.bookmark.BookmarkCommands;
import org.excerptbot.core.bookmark.BookmarkStore;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.delivery.BacklogMonitor;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.PostQueue;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.schedule.SlotScheduler;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptCommands;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.core.script.ScriptedPosts;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcBookmarkStore;
import org.excerptbot.core.store.JdbcChatPreferenceStore;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.ProgressCommands;
import org.excerptbot.core.subscription.SubscriptionChatZones;
import org.excerptbot.core.subscription.SubscriptionCommands;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.core.subscription.SubscriptionStore;

/**
 * The core with its database: the stores, the subscription commands, chat zones from the subscriptions, and,
 * once the platforms' messengers exist, the daily posts, within each platform's limits as configured. Wired with plain
 * constructors.
 */
public final class BotRuntime implements AutoCloseable {
    private final PendingDataSource database;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final CoreServices core;
    private final ChatStatusListener chatStatus;
    private final PostQueue posts;
    private final SlotScheduler slots;
    private final DeliveryConfig deliveryConfig;
    private final ChatScripts scripts;
    private final Clock clock;
    private final BacklogMonitor backlog;
    private DeliveryEngine engine;

    private BotRuntime(
            PendingDataSource database,
            SubscriptionStore subscriptions,
            DeliveryStore deliveries,
            CoreServices core,
            PostQueue posts,
            SlotScheduler slots,
            DeliveryConfig deliveryConfig,
            ChatScripts scripts,
            Clock clock) {
        this.scripts = scripts;
        this.database = database;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.core = core;
        this.posts = posts;
        this.slots = slots;
        this.deliveryConfig = deliveryConfig;
        this.clock = clock;
        this.chatStatus = new SubscriptionChatStatus(subscriptions, clock);
        this.backlog = new BacklogMonitor(deliveries, deliveryConfig, clock);
    }

    /** Each platform's backlog of posts due and not sent yet, for /metrics and /healthz. */
    public BacklogMonitor backlog() {
        return backlog;
    }

    /** Opens (and migrates) the configured database and builds the core around it, counting nothing. */
    public static BotRuntime open(AppConfig config, Clock clock) {
        return open(config, clock, BotMetrics.NONE);
    }

    /** Opens (and migrates) the configured database and builds the core around it, counted in {@code metrics}. */
    public static BotRuntime open(AppConfig config, Clock clock, BotMetrics metrics) {
        BotRuntime runtime = opening(config, clock, metrics);
        try {
            runtime.database(); // a database that cannot be opened stops start-up here, with its reason
        } catch (RuntimeException e) {
            runtime.database.close();
            throw e;
        }
        return runtime;
    }

    /**
     * Builds the core around the configured database while the database is still opening (and migrating) on a
     * thread of its own, and returns without waiting for it: the caller builds whatever needs no database
     * meanwhile, then waits with {@link #database()}, which throws what failed to open it.
     */
    public static BotRuntime opening(AppConfig config, Clock clock, BotMetrics metrics) {
        // the database opens (and migrates) while the corpus is parsed and the commands are built
        PendingDataSource database = new PendingDataSource(CompletableFuture.supplyAsync(() -> openDatabase(config)));
        try {
            Database.Kind kind =
                    config.database().map(db -> Database.Kind.of(db.url())).orElse(Database.Kind.H2);
            SubscriptionStore subscriptions = new JdbcSubscriptionStore(database);
            DeliveryStore deliveries = new JdbcDeliveryStore(database, kind);
            DeliveryConfig deliveryConfig = deliveryConfig(config);
            PostQueue posts = new PostQueue(deliveries, subscriptions, clock, deliveryConfig.grace());
            // takes the slots of new subscriptions from now on, and schedules them when it starts
            SlotScheduler slots = new SlotScheduler(
                    database, kind, subscriptions, posts::slotDue, clock, "AUTO", config.clusterCheckin(), metrics);
            SubscriptionService service = new SubscriptionService(subscriptions, config.zone(), clock, slots);
            ChatZones zones = new SubscriptionChatZones(subscriptions, config.zone());
            ChatScripts scripts = new ChatScripts(new JdbcChatPreferenceStore(database), ScriptConverter.hongKong());
            CoreServices core = CoreServices.build(
                    config,
                    clock,
                    zones,
                    (corpus, pool) -> readingCommands(
                            service, deliveries, new JdbcBookmarkStore(database), scripts, corpus, pool, clock),
                    metrics,
                    scripts,
                    scripts::scriptOf);
            return new BotRuntime(
                    database, subscriptions, deliveries, core, posts, slots, deliveryConfig, scripts, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The commands that need the database: subscriptions, reading progress, bookmarks and the chat's script. */
    private static List<CommandSpec> readingCommands(
            SubscriptionService service,
            DeliveryStore deliveries,
            BookmarkStore bookmarks,
            ChatScripts scripts,
            Corpus corpus,
            ExcerptPool pool,
            Clock clock) {
        List<CommandSpec> specs = new ArrayList<>(new SubscriptionCommands(service, pool::size, deliveries).specs());
        specs.addAll(new ProgressCommands(service, corpus, pool).specs());
        specs.addAll(new BookmarkCommands(bookmarks, corpus, pool, clock).specs());
        specs.addAll(new ScriptCommands(scripts, clock).specs());
        return specs;
    }

    /** The embedded H2 database in the data directory, or the database EXCERPT_BOT_DB_URL names. */
    public static Database openDatabase(AppConfig config) {
        return config.database()
                .map(db -> Database.open(db.url(), db.user(), db.password()))
                .orElseGet(() -> Database.embedded(config.dataDir()));
    }

    /** How the daily posts are sent under this configuration (the rate limits, the claim lease). */
    public static DeliveryConfig deliveryConfig(AppConfig config) {
        DeliveryConfig.Builder delivery =
                DeliveryConfig.builder().claimLease(config.clusterCheckin().multipliedBy(CLAIM_LEASE_CHECKINS));
        Platforms.postLimits(config).forEach(delivery::limits);
        return delivery.build();
    }

    /** How many cluster check-in intervals a claimed, unstarted post stays with its instance. */
    static final int CLAIM_LEASE_CHECKINS = 4;

    /** Starts the slot triggers, then the daily posts through these messengers (one per platform served). */
    public synchronized void startPosts(List<Messenger> messengers) {
        if (engine != null) throw new IllegalStateException("the daily posts are already started");
        slots.start();
        engine = new DeliveryEngine(
                deliveries,
                subscriptions,
                posts,
                messengers,
                new ScriptedPosts(
                        new ExcerptPosts(
                                core.corpus(),
                                core.rotation(),
                                core.messages(),
                                core.cards().pictures(),
                                // the script ScriptedPosts converts the post's text to
                                (chat, locale) ->
                                        scripts.preferences().script(chat).orElse(Script.SIMPLIFIED)),
                        scripts,
                        core.messages()),
                clock,
                deliveryConfig);
        engine.start();
    }

    /** Stops the triggers, then the engine (no more claims; the posts in flight finish). */
    public synchronized void stopPosts() {
        slots.stop();
        if (engine != null) engine.stop();
    }

    /** What the platform adapters are built on; blocked and moved chats update the subscriptions. */
    public PlatformContext platformContext(ZoneId zone) {
        return core.platformContext(chatStatus, zone, scripts);
    }

    public CoreServices core() {
        return core;
    }

    /** The database, once open: waits for it; throws what failed to open it. */
    public Database database() {
        return database.database();
    }

    /**
     * Posts waiting to be sent (queued, or claimed by a sender and not started), for the delivery queue's depth: as
     * read within the last few seconds.
     */
    public int pendingPosts() {
        return backlog.queueDepth();
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
            database.close();
        }
    }
}
