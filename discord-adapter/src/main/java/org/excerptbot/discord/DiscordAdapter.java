package org.excerptbot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.platform.PlatformRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of the bot on JDA: connects the gateway ({@link DiscordGateway}: one connection, or this
 * instance's shards), registers the global slash commands, answers interactions through the core's dispatcher
 * ({@link InteractionHandler}, on {@link InteractionThreads}) and offers a {@link DiscordMessenger} for daily posts.
 * Made by {@link DiscordPlatformFactory}.
 */
public final class DiscordAdapter implements PlatformAdapter {
    private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);
    /**
     * Threads for interactions: acknowledgements on any, the work behind deferred interactions (search, database) on
     * all but one.
     */
    private static final int THREADS = 3;
    /** An answer from memory taking longer is deferred first: half of Discord's 3 s, the rest for the request. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(1500);

    /** What {@link #start()} made: the gateway connections and the messenger posting through them. */
    private record Connections(DiscordGateway gateway, DiscordMessenger messenger) {}

    /** Where the adapter is in its life: not started, running, or closed. */
    private sealed interface State {}

    private record NotStarted() implements State {}

    private record Running(Connections connections) implements State {}

    private record Closed() implements State {}

    private final DiscordSettings settings;
    private final PlatformContext context;
    private final EmbedRenderer renderer = new EmbedRenderer();
    private final InteractionThreads threads = new InteractionThreads("discord-interactions", THREADS);
    private volatile State state = new NotStarted();

    DiscordAdapter(DiscordSettings settings, PlatformContext context) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    /**
     * Logs in, waits until the gateway session (or every shard this instance runs) is ready and registers the slash
     * commands. A failed start leaves nothing running: the adapter is closed.
     *
     * @throws PlatformRefusedException if Discord refuses the token
     * @throws IllegalStateException if already started or closed, or a shard stopped before it was ready
     */
    @Override
    public synchronized void start() throws InterruptedException {
        if (!(state instanceof NotStarted)) {
            throw new IllegalStateException("start: the adapter has been started or closed before");
        }
        try {
            state = new Running(connect());
        } catch (RuntimeException | InterruptedException e) {
            // nothing stays behind a failed start: the threads stop too
            close();
            throw e;
        }
    }

    /** Connects the gateway and registers the commands; disconnects again if that fails. */
    private Connections connect() throws InterruptedException {
        SlashCommands commands = new SlashCommands(context.messages(), context.corpus());
        InteractionHandler handler = new InteractionHandler(
                context.dispatcher(),
                context.messages(),
                new InteractionTranslator(commands),
                renderer,
                new Autocomplete(context.search(), context.clock()),
                commands,
                threads::followUp,
                ANSWER_WITHIN);
        DiscordGateway gateway;
        try {
            gateway = DiscordGateway.connect(
                    settings, threads, handler, new MentionHandler(context.dispatcher(), renderer));
        } catch (InvalidTokenException e) {
            throw new PlatformRefusedException(
                    "Discord refused the bot token: check DISCORD_BOT_TOKEN (developer portal, Bot, Reset Token)", e);
        }
        try {
            return registerCommands(gateway, commands);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private Connections registerCommands(DiscordGateway gateway, SlashCommands slashCommands) {
        JDA first = gateway.connections().get(0);
        List<CommandData> commands = slashCommands.build(context.dispatcher().registry());
        // global commands: one PUT replaces them all, so every instance and shard may send the same set
        first.updateCommands().addCommands(commands).complete();
        DiscordMessenger messenger = new DiscordMessenger(
                first.getHttpClient(),
                settings.apiUrl(),
                settings.token(),
                renderer,
                context.chatStatus(),
                context.clock(),
                channelId -> gateway.connections().stream().anyMatch(jda -> jda.getNewsChannelById(channelId) != null));
        log.info(
                "Discord: running as {} with {} slash commands on {}",
                first.getSelfUser().getName(),
                commands.size(),
                settings.shards().sharded() ? "shards " + gateway.status().keySet() : "one connection");
        return new Connections(gateway, messenger);
    }

    /** Posts to channels; available once {@link #start()} has returned. */
    @Override
    public DiscordMessenger messenger() {
        return running().messenger();
    }

    /** Up when every gateway connection is connected; down with their states otherwise, or before the start. */
    @Override
    public HealthCheck health() {
        return () -> {
            State now = state;
            if (!(now instanceof Running running)) {
                return HealthCheck.Result.down(now instanceof Closed ? "stopped" : "starting");
            }
            String status = running.connections().gateway().describeStatus();
            return status.equals(JDA.Status.CONNECTED.name())
                    ? HealthCheck.Result.up("gateway connected")
                    : HealthCheck.Result.down("gateway " + status);
        };
    }

    /** The JDA connections (one, or one per shard this instance runs), for diagnostics and benchmarks. */
    public List<JDA> connections() {
        return running().gateway().connections();
    }

    /** The state of each gateway connection, by shard id ({@code 0} alone when not sharded). */
    Map<Integer, JDA.Status> gatewayStatus() {
        return running().gateway().status();
    }

    private Connections running() {
        State now = state;
        if (now instanceof Running running) return running.connections();
        throw new IllegalStateException(
                now instanceof Closed ? "the Discord adapter is closed" : "the Discord adapter has not started");
    }

    /** Finishes the replies in progress, then disconnects. */
    @Override
    public synchronized void close() {
        State before = state;
        state = new Closed();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) threads.shutdownNow();
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (before instanceof Running running) running.connections().gateway().close();
    }
}
