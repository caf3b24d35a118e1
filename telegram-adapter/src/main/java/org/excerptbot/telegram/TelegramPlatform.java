package org.excerptbot.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Dispatcher;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.HttpRoute;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformRefusedException;
import org.excerptbot.core.script.ChatScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The Telegram adapter: updates arrive by long polling or a webhook ({@link UpdateIntake}), are turned into
 * requests for the {@link CommandDispatcher} on worker threads, and the replies are rendered and sent through the
 * {@link Outbox}; daily posts go through the {@link TelegramMessenger}. {@link #start()} connects: getMe, then the
 * intake's calls, then it logs who the bot runs as; the command menus are published in the background meanwhile.
 * {@link #close()} stops taking updates and lets replies in flight finish.
 *
 * <p>Polling never dies: each update is handled on a worker and any failure is logged and the next update
 * handled; failed polls back off to at most {@link TelegramSettings#maxBackOff()}.
 */
final class TelegramPlatform implements PlatformAdapter {
    private static final Logger log = LoggerFactory.getLogger(TelegramPlatform.class);
    /**
     * Updates in hand at most (taken from Telegram, not yet handled): one full getUpdates answer, so that a backlog
     * is taken in polls of up to a hundred while the workers are busy, not a few updates per round trip to Telegram.
     * What this holds stays small: an update is a few KB.
     */
    private static final int MAX_IN_HAND = LongPollingIntake.MAX_UPDATES_PER_POLL;

    private final TelegramSettings settings;
    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final ChatStatusListener listener;
    private final Redactor redactor;
    private final HtmlRenderer renderer = new HtmlRenderer();
    private final InlineQueries inline;
    private final UpdateRoom room;
    private final BotApiClients http;
    private final ExecutorService workers;
    private final ScheduledExecutorService connecting;
    private final Outbox outbox;
    private final TelegramMessenger messenger;
    private final ChatAdmins admins;
    private final CommandMenus menus;
    private final UpdateIntake intake;
    private final Connector connector;
    private final TelegramHealth health;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param inlineSource what inline queries ({@code @bot words}) find
     * @param scripts the script each user's inline results are in
     * @param listener told when a chat blocks or removes the bot, or moves to a new id
     * @param pollSleeper waits the pauses between polls after failed or at-once answers ({@code Thread::sleep})
     */
    TelegramPlatform(
            TelegramSettings settings,
            CommandDispatcher dispatcher,
            Messages messages,
            InlineSource inlineSource,
            ChatScripts scripts,
            ChatStatusListener listener,
            Clock clock,
            PollGuard.Sleeper pollSleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(inlineSource, "inlineSource");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pollSleeper, "pollSleeper");
        this.redactor = new Redactor(settings.token());
        Dispatcher replyQueue = BotApiClients.replyQueue(settings.workers());
        this.room = new UpdateRoom(Math.max(MAX_IN_HAND, settings.workers()), replyQueue::queuedCallsCount);
        // a reply leaving the connection queue makes room for more updates
        this.http = new BotApiClients(settings, replyQueue, room::wake);
        this.workers = Executors.newFixedThreadPool(settings.workers(), DaemonThreads.named("telegram-worker"));
        // the start-up's retries and the command menus; never the poll, which holds its thread for a whole poll
        this.connecting = Executors.newScheduledThreadPool(2, DaemonThreads.named("telegram-connect"));
        this.outbox = new Outbox(
                http.replies(), listener, new ChatStates(), settings.maxReplyWait(), workers, redactor, new PhotoIds());
        this.inline = new InlineQueries(inlineSource, renderer, outbox.photoIds(), scripts, messages);
        this.messenger = new TelegramMessenger(outbox, renderer, http.bulk(), settings.paidBroadcast());
        this.admins = new ChatAdmins(http.replies(), redactor);
        this.menus = new CommandMenus(
                http.replies(),
                CommandMenu.lists(dispatcher.registry(), messages),
                connecting,
                settings.apiUrl(),
                redactor,
                settings.maxBackOff());
        this.intake = settings.webhook()
                .<UpdateIntake>map(hook -> new WebhookIntake(hook, http.replies(), room))
                .orElseGet(() -> new LongPollingIntake(settings, http, pollGuard(pollSleeper, clock), room));
        this.connector = new Connector(
                settings.apiUrl(), redactor, settings.maxBackOff(), connecting, clock, this::identify, this::open);
        this.health = new TelegramHealth(settings.apiUrl(), connector, intake, menus::problem, closed::get);
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    /**
     * Connects to the Bot API (getMe) and starts receiving updates (deleteWebhook and long polling, or setWebhook);
     * the command menus (setMyCommands, zh and en) are published in the background. When the Bot API cannot be
     * reached or fails (network error, 5xx, 429), this returns all the same, logs it once and keeps trying in the
     * background with back-off up to {@link TelegramSettings#maxBackOff()}; {@link #health()} says when it has
     * connected.
     *
     * @throws PlatformRefusedException when the Bot API refuses the token (401) or the webhook
     * @throws IllegalStateException when started twice or after {@link #close()}
     */
    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("the Telegram adapter starts once, before it is closed");
        }
        try {
            connector.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Sends to Telegram chats for bulk delivery (daily posts). */
    @Override
    public TelegramMessenger messenger() {
        return messenger;
    }

    /**
     * The connection to Telegram now: up once the start-up calls went through and, when polling, while getUpdates
     * answers; degraded while the command menus are not published; down while connecting, after a refusal, while
     * getUpdates fails (with its error) and once stopped.
     */
    @Override
    public HealthCheck health() {
        return health;
    }

    /** The webhook's endpoint when updates arrive by webhook; none when polling. */
    @Override
    public List<HttpRoute> httpRoutes() {
        return intake.routes();
    }

    /** Who the bot is, once getMe has answered. */
    Optional<BotIdentity> identity() {
        return connector.status().me();
    }

    private PollGuard pollGuard(PollGuard.Sleeper sleeper, Clock clock) {
        return new PollGuard(
                CappedBackOff.upTo(settings.maxBackOff()),
                sleeper,
                redactor,
                settings.maxBackOff(),
                settings.pollTimeout(),
                clock);
    }

    private BotIdentity identify() throws TelegramApiException {
        User me = http.replies().execute(new GetMe());
        if (me.getUserName() == null || me.getUserName().isBlank()) {
            throw new IllegalStateException("getMe answered without the bot's username");
        }
        return new BotIdentity(me.getUserName(), me.getId());
    }

    /** What follows getMe: the menus in the background, and the intake's calls for this bot's update handler. */
    private List<Connector.Step> open(BotIdentity me) {
        menus.publish();
        UpdateHandler handler = new UpdateHandler(
                new UpdateTranslator(me.username(), admins),
                dispatcher,
                messages,
                renderer,
                inline,
                outbox,
                listener,
                redactor);
        return intake.open(new UpdateWorkers(workers, room, handler, redactor));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        connector.stop();
        menus.stop();
        intake.close();
        connecting.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.close();
        log.info("Telegram: stopped");
    }
}
