package org.excerptbot.discord;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of the bot on JDA: connects with no gateway intent beyond GUILDS (which JDA always asks for; slash
 * commands need nothing more, so no privileged intent), registers the global slash commands, answers interactions
 * through the core's dispatcher, and offers a {@link DiscordMessenger} for daily posts. One gateway connection by
 * default; with {@link DiscordShards} set, JDA's shard manager runs this instance's shards. REST and gateway URLs come
 * from the settings, so that a proxy or the tests' fake Discord can stand in; the gateway speaks uncompressed JSON.
 */
public final class DiscordAdapter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);
    /** Threads for the work behind deferred interactions (search, database). */
    private static final int WORKERS = 4;
    /** Autocomplete must be answered within 3 s too, so it does not queue behind commands. */
    private static final int SUGGESTERS = 2;
    /**
     * Idle REST connections kept open. JDA's default client keeps 5, but every interaction is its own rate-limit
     * bucket, so a burst runs dozens of requests at once on JDA's elastic pool, each on its own connection: with 5
     * kept, a burst of 1,000 interactions closed and reopened 200-450 connections (HTTP/1.1, as through a proxy).
     */
    static final int IDLE_CONNECTIONS = 64;

    private final DiscordSettings settings;
    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final Corpus corpus;
    private final SearchIndex search;
    private final ChatStatusListener chatStatus;
    private final Clock clock;
    private final EmbedRenderer renderer = new EmbedRenderer();
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, threads("discord-worker"));
    private final ExecutorService suggesters =
            Executors.newFixedThreadPool(SUGGESTERS, threads("discord-autocomplete"));
    private final List<JDA> connections = new CopyOnWriteArrayList<>();
    private volatile ShardManager shardManager;
    private volatile DiscordMessenger messenger;

    public DiscordAdapter(
            DiscordSettings settings,
            CommandDispatcher dispatcher,
            Messages messages,
            Corpus corpus,
            SearchIndex search,
            ChatStatusListener chatStatus,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.search = Objects.requireNonNull(search, "search");
        this.chatStatus = Objects.requireNonNull(chatStatus, "chatStatus");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Logs in, waits until the gateway session (or every shard this instance runs) is ready and registers the slash
     * commands. Throws if the token is refused ({@code InvalidTokenException}) or Discord rejects the commands.
     */
    public synchronized void start() throws InterruptedException {
        if (!connections.isEmpty() || shardManager != null) throw new IllegalStateException("already started");
        InteractionHandler handler = new InteractionHandler(
                dispatcher,
                messages,
                new InteractionTranslator(),
                renderer,
                new Autocomplete(search, clock),
                workers,
                suggesters,
                new GatewayBacklog(clock));
        JDA first = settings.shards().sharded() ? startShards(handler) : startSingle(handler);
        List<SlashCommandData> commands = new SlashCommands(messages, corpus).build(dispatcher.registry());
        // global commands: one PUT replaces them all, so every instance and shard may send the same set
        first.updateCommands().addCommands(commands).complete();
        messenger = new DiscordMessenger(
                first.getHttpClient(), settings.apiUrl(), settings.token(), renderer, chatStatus, clock);
        log.info(
                "Discord adapter ready as {} with {} slash commands on {}",
                first.getSelfUser().getName(),
                commands.size(),
                settings.shards().sharded()
                        ? "shards " + shardIds() + " of " + shardManager.getShardsTotal()
                        : "one connection");
    }

    private JDA startSingle(InteractionHandler handler) throws InterruptedException {
        String gateway = settings.gatewayUrl();
        JDA jda = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setHttpClientBuilder(httpClient())
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .addEventListeners(handler)
                .build();
        connections.add(jda);
        jda.awaitReady();
        return jda;
    }

    /** JDA's shard manager: one connection per shard, started one IDENTIFY at a time as Discord allows. */
    private JDA startShards(InteractionHandler handler) throws InterruptedException {
        DiscordShards shards = settings.shards();
        ShardsReady ready = new ShardsReady();
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(
                        settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setHttpClientBuilder(httpClient())
                .setSessionController(new ConfiguredGatewaySessions(settings.gatewayUrl()))
                .setCompression(Compression.NONE)
                .setShardsTotal(shards.total())
                .addEventListeners(ready, handler);
        if (!shards.ids().isEmpty()) builder.setShards(shards.ids());
        ShardManager manager = builder.build();
        shardManager = manager;
        int total = manager.getShardsTotal();
        List<Integer> expected =
                shards.ids().isEmpty() ? IntStream.range(0, total).boxed().toList() : shards.ids();
        if (expected.get(expected.size() - 1) >= total) {
            throw new IllegalArgumentException(DiscordShards.SHARD_IDS_VARIABLE + ": shard "
                    + expected.get(expected.size() - 1) + " does not exist: Discord recommends " + total
                    + " shards (" + DiscordShards.SHARDS_VARIABLE + "=auto), numbered 0-" + (total - 1));
        }
        connections.addAll(ready.await(expected));
        return connections.get(0);
    }

    /** JDA's default REST client (25 requests at once per host), keeping {@link #IDLE_CONNECTIONS} idle. */
    private static OkHttpClient.Builder httpClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(25);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES));
    }

    /** Counts the shards that reached READY, so that start() returns once all of this instance's have. */
    private static final class ShardsReady extends ListenerAdapter {
        private final Map<Integer, JDA> ready = new HashMap<>();
        private String stopped;

        @Override
        public synchronized void onReady(ReadyEvent event) {
            ready.put(event.getJDA().getShardInfo().getShardId(), event.getJDA());
            notifyAll();
        }

        @Override
        public synchronized void onShutdown(ShutdownEvent event) {
            // Discord closed the shard for good (bad token, invalid shard, disallowed intents...)
            stopped = "shard " + event.getJDA().getShardInfo().getShardId() + " stopped before it was ready"
                    + (event.getCloseCode() == null
                            ? ""
                            : ": " + event.getCloseCode().getMeaning());
            notifyAll();
        }

        /** Waits until these shards are ready; returns them in the same order. */
        synchronized List<JDA> await(List<Integer> shards) throws InterruptedException {
            while (!ready.keySet().containsAll(shards)) {
                if (stopped != null) throw new IllegalStateException(stopped);
                wait();
            }
            return shards.stream().map(ready::get).toList();
        }
    }

    /**
     * Paces IDENTIFYs by Discord's {@code max_concurrency} like JDA's default, but connects to the configured
     * gateway URL (a proxy, or the tests' fake) rather than the one {@code GET gateway/bot} names.
     */
    private static final class ConfiguredGatewaySessions extends ConcurrentSessionController {
        private final String gateway;

        ConfiguredGatewaySessions(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public String getGateway() {
            return gateway;
        }

        @Override
        public ShardedGateway getShardedGateway(JDA api) {
            ShardedGateway fromDiscord = super.getShardedGateway(api);
            return new ShardedGateway(gateway, fromDiscord.getShardTotal(), fromDiscord.getConcurrency());
        }
    }

    /** The shards this instance runs (by id), or {@code [0]} when it is not sharded. */
    public List<Integer> shardIds() {
        return connections.stream().map(j -> j.getShardInfo().getShardId()).toList();
    }

    /** The state of each gateway connection, by shard id ({@code 0} alone when not sharded). */
    public Map<Integer, JDA.Status> gatewayStatus() {
        Map<Integer, JDA.Status> out = new TreeMap<>();
        for (JDA jda : connections) out.put(jda.getShardInfo().getShardId(), jda.getStatus());
        return out;
    }

    /** The JDA connections (one, or one per shard this instance runs), for diagnostics and benchmarks. */
    public List<JDA> connections() {
        return List.copyOf(connections);
    }

    /** Posts to channels; available once {@link #start()} has returned. */
    public DiscordMessenger messenger() {
        DiscordMessenger m = messenger;
        if (m == null) throw new IllegalStateException("the Discord adapter has not started");
        return m;
    }

    /** Finishes the replies in progress, then disconnects. */
    @Override
    public synchronized void close() {
        workers.shutdown();
        stopWithin(() -> workers.awaitTermination(5, TimeUnit.SECONDS), workers::shutdownNow);
        suggesters.shutdownNow();
        ShardManager manager = shardManager;
        if (manager != null) {
            // the manager stops its shards, including any still queued to connect
            manager.shutdown();
            for (JDA shard : manager.getShards())
                stopWithin(() -> shard.awaitShutdown(5, TimeUnit.SECONDS), shard::shutdownNow);
        } else {
            for (JDA j : connections) {
                j.shutdown();
                stopWithin(() -> j.awaitShutdown(5, TimeUnit.SECONDS), j::shutdownNow);
            }
        }
    }

    private interface Wait {
        boolean done() throws InterruptedException;
    }

    private static void stopWithin(Wait wait, Runnable force) {
        try {
            if (!wait.done()) force.run();
        } catch (InterruptedException e) {
            force.run();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
