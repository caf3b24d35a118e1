package org.excerptbot.discord;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of the bot on JDA: connects with no gateway intent at all (slash commands need none, so no
 * privileged intent is asked for), registers the global slash commands, answers interactions through the core's
 * dispatcher, and offers a {@link DiscordMessenger} for daily posts. REST and gateway URLs come from the settings,
 * so that a proxy or the tests' fake Discord can stand in; the gateway speaks uncompressed JSON.
 */
public final class DiscordAdapter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);
    /** Threads for the work behind deferred interactions (search, database). */
    private static final int WORKERS = 4;
    /** Autocomplete must be answered within 3 s too, so it does not queue behind commands. */
    private static final int SUGGESTERS = 2;

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
    private volatile JDA jda;
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
     * Logs in, waits until the gateway session is ready and registers the slash commands. Throws if the token is
     * refused ({@code InvalidTokenException}) or Discord rejects the commands.
     */
    public synchronized void start() throws InterruptedException {
        if (jda != null) throw new IllegalStateException("already started");
        InteractionHandler handler = new InteractionHandler(
                dispatcher,
                messages,
                new InteractionTranslator(),
                renderer,
                new Autocomplete(search, clock),
                workers,
                suggesters);
        String gateway = settings.gatewayUrl();
        JDA started = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .addEventListeners(handler)
                .build();
        jda = started;
        started.awaitReady();
        List<SlashCommandData> commands = new SlashCommands(messages, corpus).build(dispatcher.registry());
        started.updateCommands().addCommands(commands).complete();
        messenger = new DiscordMessenger(
                started.getHttpClient(), settings.apiUrl(), settings.token(), renderer, chatStatus, clock);
        log.info(
                "Discord adapter ready as {} with {} slash commands",
                started.getSelfUser().getName(),
                commands.size());
    }

    /** Posts to channels; available once {@link #start()} has returned. */
    public DiscordMessenger messenger() {
        DiscordMessenger m = messenger;
        if (m == null) throw new IllegalStateException("the Discord adapter has not started");
        return m;
    }

    /** The JDA instance, for diagnostics. */
    public JDA jda() {
        return jda;
    }

    /** Finishes the replies in progress, then disconnects. */
    @Override
    public synchronized void close() {
        workers.shutdown();
        stopWithin(() -> workers.awaitTermination(5, TimeUnit.SECONDS), workers::shutdownNow);
        suggesters.shutdownNow();
        JDA j = jda;
        if (j != null) {
            j.shutdown();
            stopWithin(() -> j.awaitShutdown(5, TimeUnit.SECONDS), j::shutdownNow);
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
