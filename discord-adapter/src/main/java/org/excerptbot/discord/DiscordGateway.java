package org.excerptbot.discord;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
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

/**
 * The bot's gateway connections on JDA, all ready: one, or with {@link DiscordShards} set, one per shard this
 * instance runs, under JDA's shard manager. Gateway intents GUILDS (which JDA always asks for) and {@link #INTENTS},
 * no privileged one; uncompressed JSON; the REST and gateway URLs of the settings, so that
 * a proxy or the tests' fake Discord can stand in. JDA runs the event listeners on the given pool.
 */
final class DiscordGateway {
    /**
     * Idle REST connections kept open. JDA's default client keeps 5, but every interaction is its own rate-limit
     * bucket, so a burst runs dozens of requests at once on JDA's elastic pool, each on its own connection, and with
     * 5 kept most of them would be closed and opened again (HTTP/1.1, as through a proxy).
     */
    static final int IDLE_CONNECTIONS = 64;

    private final List<JDA> connections;
    private final Optional<ShardManager> shardManager;

    private DiscordGateway(List<JDA> connections, Optional<ShardManager> shardManager) {
        this.connections = List.copyOf(connections);
        this.shardManager = shardManager;
    }

    /**
     * Logs in and waits until the gateway session (or every shard this instance runs) is ready. On failure nothing is
     * left running.
     *
     * @throws net.dv8tion.jda.api.exceptions.InvalidTokenException if Discord refuses the token
     */
    static DiscordGateway connect(DiscordSettings settings, ExecutorService eventPool, Object... listeners)
            throws InterruptedException {
        return settings.shards().sharded()
                ? connectShards(settings, eventPool, listeners)
                : connectSingle(settings, eventPool, listeners);
    }

    /**
     * GUILD_MESSAGES, for the messages that mention the bot; not privileged. Discord sends a message's content without
     * the privileged MESSAGE_CONTENT intent when it mentions the bot, so the bot starts whether or not that intent is
     * enabled in the developer portal.
     */
    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES);

    private static DiscordGateway connectSingle(DiscordSettings settings, ExecutorService eventPool, Object[] listeners)
            throws InterruptedException {
        String gateway = settings.gatewayUrl();
        JDA jda = JDABuilder.createLight(settings.token(), INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setHttpClientBuilder(httpClient())
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .setEventPool(eventPool, false)
                .addEventListeners(listeners)
                .build();
        DiscordGateway connected = new DiscordGateway(List.of(jda), Optional.empty());
        try {
            jda.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            connected.close();
            throw e;
        }
        return connected;
    }

    /** JDA's shard manager: one connection per shard, started one IDENTIFY at a time as Discord allows. */
    private static DiscordGateway connectShards(DiscordSettings settings, ExecutorService eventPool, Object[] listeners)
            throws InterruptedException {
        DiscordShards shards = settings.shards();
        ShardsReady ready = new ShardsReady();
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(settings.token(), INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setHttpClientBuilder(httpClient())
                .setSessionController(new ConfiguredGatewaySessions(settings.gatewayUrl()))
                .setCompression(Compression.NONE)
                .setShardsTotal(shards.total())
                .setEventPool(eventPool, false)
                .addEventListeners(ready)
                .addEventListeners(listeners);
        if (!shards.ids().isEmpty()) builder.setShards(shards.ids());
        ShardManager manager = builder.build();
        try {
            int total = manager.getShardsTotal();
            List<Integer> expected =
                    shards.ids().isEmpty() ? IntStream.range(0, total).boxed().toList() : shards.ids();
            int last = expected.get(expected.size() - 1);
            if (last >= total) {
                throw new IllegalArgumentException(DiscordShards.SHARD_IDS_VARIABLE + ": shard " + last
                        + " does not exist: Discord recommends " + total + " shards (" + DiscordShards.SHARDS_VARIABLE
                        + "=auto), numbered 0-" + (total - 1));
            }
            return new DiscordGateway(ready.await(expected), Optional.of(manager));
        } catch (RuntimeException | InterruptedException e) {
            close(manager);
            throw e;
        }
    }

    /** JDA's default REST client (25 requests at once per host), keeping {@link #IDLE_CONNECTIONS} idle. */
    private static OkHttpClient.Builder httpClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(25);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES));
    }

    /** The connections, by ascending shard id ({@code 0} alone when not sharded). */
    List<JDA> connections() {
        return connections;
    }

    /** The state of each connection, by shard id. */
    Map<Integer, JDA.Status> status() {
        Map<Integer, JDA.Status> out = new TreeMap<>();
        for (JDA jda : connections) out.put(jda.getShardInfo().getShardId(), jda.getStatus());
        return out;
    }

    /**
     * {@code CONNECTED} when every connection is; otherwise the single connection's state as JDA names it, or each
     * shard's, such as {@code shard 0: CONNECTED, shard 1: RECONNECT_QUEUED}.
     */
    String describeStatus() {
        Map<Integer, JDA.Status> status = status();
        if (status.values().stream().allMatch(s -> s == JDA.Status.CONNECTED)) return JDA.Status.CONNECTED.name();
        if (shardManager.isEmpty()) return status.values().iterator().next().name();
        return status.entrySet().stream()
                .map(e -> "shard " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Disconnects, waiting a few seconds for each connection to close cleanly. */
    void close() {
        if (shardManager.isPresent()) {
            close(shardManager.get());
        } else {
            for (JDA jda : connections) {
                jda.shutdown();
                awaitShutdown(jda);
            }
        }
    }

    /** Stops the manager's shards, including any still queued to connect. */
    private static void close(ShardManager manager) {
        manager.shutdown();
        for (JDA shard : manager.getShards()) awaitShutdown(shard);
    }

    private static void awaitShutdown(JDA jda) {
        try {
            if (!jda.awaitShutdown(5, TimeUnit.SECONDS)) jda.shutdownNow();
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Counts the shards that reached READY, so that connecting returns once all of this instance's have. */
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
}
