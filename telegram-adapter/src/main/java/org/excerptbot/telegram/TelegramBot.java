package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Telegram adapter: receives updates by long polling (TelegramBots), turns them into requests for the
 * {@link CommandDispatcher}, and renders and sends the replies. Create it with {@link #start}; {@link #close()}
 * stops polling and lets replies in flight finish.
 *
 * <p>Polling never dies: each update is handled on a worker and any failure is logged and the next update
 * handled; failed polls back off to at most {@link TelegramSettings#maxBackOff()}.
 */
public final class TelegramBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    private static final List<String> UPDATE_KINDS =
            List.of("message", "channel_post", "callback_query", "inline_query", "my_chat_member");
    /**
     * Updates in hand per worker: two keep every worker busy (one running, one next) while the rest of a burst
     * waits in Telegram's queue. Eight per worker held 32 updates and 32 replies in flight; each waited behind
     * the others (the burst benchmark's p99 fell from about 80 ms to 20-30 ms with two, at the same rate).
     */
    private static final int IN_HAND_PER_WORKER = 2;
    /**
     * Replies in flight per worker (HTTP requests to the Bot API); more wait in the dispatcher's queue and count
     * against the room for updates. Sixteen in flight on four workers still allow 160 replies/s at 100 ms round
     * trips to api.telegram.org, well above the rate Telegram accepts from one bot.
     */
    private static final int SENDS_PER_WORKER = 4;
    /** Bulk sends in flight (daily posts); the delivery engine's rate limiter decides how many go out. */
    private static final int BULK_REQUESTS = 64;

    private static final int MAX_UPDATES_PER_POLL = 100;

    private final TelegramSettings settings;
    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final ChatStatusListener listener;
    private final Redactor redactor;
    private final TelegramUrl url;
    private final OkHttpClient sendHttp;
    private final OkHttpClient bulkHttp;
    private final OkHttpClient pollHttp;
    private final PollGuard pollGuard;
    private final TelegramClient client;
    private final ExecutorService workers;
    private final ScheduledExecutorService pollThread;
    private final HtmlRenderer renderer = new HtmlRenderer();
    private final Outbox outbox;
    private final InlineQueries inline;
    private final TelegramMessenger messenger;

    private final AtomicBoolean closed = new AtomicBoolean();
    /** Bounds the updates (and queued replies) in hand; getUpdates asks for no more than there is room for. */
    private final Intake intake;

    private final Clock clock = Clock.systemUTC();
    /** Set once getMe has told the bot its username. */
    private volatile UpdateHandler handler;

    private volatile String username;
    private volatile boolean webhook;
    private volatile Connector connector;
    private TelegramBotsLongPollingApplication polling;

    private TelegramBot(
            TelegramSettings settings,
            CommandDispatcher dispatcher,
            Messages messages,
            InlineSource inlineSource,
            ChatStatusListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(inlineSource, "inlineSource");
        this.redactor = new Redactor(settings.token());
        this.url = telegramUrl(settings.apiUrl());
        // Replies to users and bulk sends (daily posts) have a dispatcher each on one connection pool, so that a
        // fan-out neither waits behind replies nor takes the room that bounds the updates in hand.
        Dispatcher replies = new Dispatcher();
        replies.setMaxRequests(settings.workers() * SENDS_PER_WORKER);
        replies.setMaxRequestsPerHost(settings.workers() * SENDS_PER_WORKER);
        this.intake = new Intake(settings.workers() * IN_HAND_PER_WORKER, replies::queuedCallsCount);
        OkHttpClient base = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        this.sendHttp = base.newBuilder()
                .dispatcher(replies)
                // a reply leaving the connection queue makes room for more updates
                .addInterceptor(chain -> {
                    intake.wake();
                    return chain.proceed(chain.request());
                })
                .build();
        Dispatcher bulk = new Dispatcher();
        bulk.setMaxRequests(BULK_REQUESTS);
        bulk.setMaxRequestsPerHost(BULK_REQUESTS);
        this.bulkHttp = base.newBuilder()
                .dispatcher(bulk)
                // a connection dropped without an answer may have delivered the post: the delivery engine decides
                // what to do with the failure, OkHttp must not send it again by itself
                .retryOnConnectionFailure(false)
                .build();
        this.pollGuard = new PollGuard(
                CappedBackOff.upTo(settings.maxBackOff()), Thread::sleep, redactor, settings.maxBackOff(), clock);
        this.pollHttp = base.newBuilder()
                .readTimeout(settings.pollTimeout().plusSeconds(15))
                .addInterceptor(pollGuard)
                .build();
        ObjectMapper json = new ObjectMapper();
        this.client = new OkHttpTelegramClient(json, sendHttp, settings.token(), url);
        this.workers = Executors.newFixedThreadPool(settings.workers(), threads("telegram-worker"));
        this.pollThread = Executors.newSingleThreadScheduledExecutor(threads("telegram-poll"));
        this.outbox = new Outbox(client, listener, new ChatStates(), settings.maxReplyWait(), workers, redactor);
        this.inline = new InlineQueries(inlineSource, renderer);
        this.messenger = new TelegramMessenger(
                outbox, renderer, new OkHttpTelegramClient(json, bulkHttp, settings.token(), url));
    }

    /**
     * Connects to the Bot API (getMe), publishes the command menus (setMyCommands, zh and en) and starts long
     * polling (deleteWebhook, then getUpdates). When the Bot API cannot be reached (network error, 5xx, 429) this
     * returns all the same, logs it once and keeps trying in the background with back-off up to
     * {@link TelegramSettings#maxBackOff()}; {@link #health()} says when it has connected.
     *
     * @throws TelegramRefusedException when the Bot API refuses the token (401)
     */
    public static TelegramBot start(
            TelegramSettings settings,
            CommandDispatcher dispatcher,
            Messages messages,
            InlineSource inline,
            ChatStatusListener listener) {
        TelegramBot bot = new TelegramBot(settings, dispatcher, messages, inline, listener);
        List<Connector.Step> steps = new ArrayList<>(bot.startSteps());
        steps.add(new Connector.Step(
                "deleteWebhook",
                true,
                "long polling needs the webhook deleted",
                () -> bot.client.execute(new DeleteWebhook())));
        steps.add(new Connector.Step("getUpdates", true, "long polling cannot start", bot::startPolling));
        return bot.connect(steps);
    }

    /**
     * Like {@link #start}, but for a webhook instead of long polling: after getMe and the command menus it calls
     * setWebhook with the public URL and the secret Telegram echoes in {@code X-Telegram-Bot-Api-Secret-Token}.
     * The HTTP endpoint (which checks that header) hands each parsed update to {@link #accept(Update)}.
     *
     * @throws TelegramRefusedException when the Bot API refuses the token or the webhook
     */
    public static TelegramBot startWebhook(
            TelegramSettings settings,
            CommandDispatcher dispatcher,
            Messages messages,
            InlineSource inline,
            ChatStatusListener listener,
            URI webhookUrl,
            String secret) {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        if (secret == null || !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException("secret: 1-256 characters of A-Z a-z 0-9 _ -");
        }
        TelegramBot bot = new TelegramBot(settings, dispatcher, messages, inline, listener);
        List<Connector.Step> steps = new ArrayList<>(bot.startSteps());
        steps.add(new Connector.Step(
                "setWebhook",
                true,
                "check TELEGRAM_WEBHOOK_URL: Telegram needs a public https URL on port 443, 80, 88 or 8443",
                () -> bot.setWebhook(webhookUrl, secret)));
        bot.webhook = true;
        return bot.connect(steps);
    }

    /**
     * Handles one update received by a webhook endpoint, on a worker; returns at once.
     *
     * @throws IllegalStateException when the bot is stopping, not connected yet or has too many updates in hand
     *     (answer 503 so that Telegram delivers the update again later)
     */
    public void accept(Update update) {
        Objects.requireNonNull(update, "update");
        if (closed.get()) throw new IllegalStateException("the Telegram bot is stopping");
        if (handler == null) throw new IllegalStateException("the Telegram bot is not connected yet");
        if (!intake.tryTake()) throw new IllegalStateException("the Telegram bot is busy; try again later");
        submit(update);
    }

    /** The bot's username, without {@code @}, as getMe reported it; null until the bot has connected. */
    public String username() {
        return username;
    }

    /** Sends to Telegram chats for bulk delivery (daily posts). */
    public TelegramMessenger messenger() {
        return messenger;
    }

    /** Whether the bot is connected to Telegram, and what it knows about the connection. */
    public record Health(boolean up, String detail) {}

    /**
     * The connection to Telegram now: up once the start-up calls went through and, when polling, while getUpdates
     * answers; down while connecting, after a refusal, while getUpdates fails (with its error) and once stopped.
     */
    public Health health() {
        if (closed.get()) return new Health(false, "stopped");
        Connector.Status start = connector.status();
        switch (start.state()) {
            case CONNECTING:
                return new Health(
                        false,
                        start.problem().isEmpty()
                                ? "connecting to " + settings.apiUrl()
                                : start.problem() + "; retrying since " + start.since());
            case REFUSED:
                return new Health(false, start.problem());
            case STOPPED:
                return new Health(false, "stopped");
            default:
                break;
        }
        if (webhook) return new Health(true, "@" + username + ": webhook set at " + start.since());
        PollGuard.Failing failing = pollGuard.failing();
        if (failing != null) {
            return new Health(false, "getUpdates failing since " + failing.since() + ": " + failing.description());
        }
        Instant last = pollGuard.lastAnswer();
        return new Health(
                true,
                "@" + username + " polling " + settings.apiUrl()
                        + (last == null ? " since " + start.since() : "; last answer " + last));
    }

    private TelegramBot connect(List<Connector.Step> steps) {
        connector = new Connector(settings.apiUrl(), redactor, settings.maxBackOff(), pollThread, clock, steps);
        try {
            connector.start();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** getMe, then the command menus (a refused menu is logged, not fatal). */
    private List<Connector.Step> startSteps() {
        List<Connector.Step> steps = new ArrayList<>();
        steps.add(new Connector.Step("getMe", true, "check TELEGRAM_BOT_TOKEN", this::identify));
        for (SetMyCommands list : CommandMenu.lists(dispatcher.registry(), messages)) {
            steps.add(new Connector.Step(
                    "setMyCommands",
                    false,
                    "the " + (list.getLanguageCode() == null ? "default" : list.getLanguageCode())
                            + " command menu stays as it was",
                    () -> client.execute(list)));
        }
        return steps;
    }

    private void identify() throws TelegramApiException {
        User me = client.execute(new GetMe());
        if (me.getUserName() == null) throw new IllegalStateException("getMe returned no username");
        username = me.getUserName();
        handler = new UpdateHandler(
                new UpdateTranslator(username, this::isAdmin),
                dispatcher,
                messages,
                renderer,
                inline,
                outbox,
                listener,
                redactor);
    }

    private void setWebhook(URI webhookUrl, String secret) throws TelegramApiException {
        SetWebhook set = SetWebhook.builder()
                .url(webhookUrl.toString())
                .secretToken(secret)
                .allowedUpdates(UPDATE_KINDS)
                .build();
        client.execute(set);
        log.info("Telegram: @{} receives updates by webhook at {}", username, webhookUrl);
    }

    /** Starts the library's polling session (it calls deleteWebhook again first). */
    private void startPolling() throws TelegramApiException {
        if (polling == null) {
            polling = new TelegramBotsLongPollingApplication(
                    ObjectMapper::new,
                    () -> pollHttp,
                    () -> pollThread,
                    () -> CappedBackOff.upTo(settings.maxBackOff()));
        }
        try {
            polling.registerBot(settings.token(), () -> url, this::getUpdates, this::consume);
        } catch (TelegramApiException | RuntimeException e) {
            polling.unregisterBot(settings.token()); // so that the next attempt can register it again
            throw e;
        }
        log.info("Telegram: @{} is polling {} for updates", username, settings.apiUrl());
    }

    /**
     * The next poll, made when there is room: it asks for as many updates as the bot can start on at once, so that
     * an update taken from Telegram is handled without waiting in this process.
     */
    private GetUpdates getUpdates(Integer lastUpdateId) {
        int room = intake.awaitRoom(MAX_UPDATES_PER_POLL, closed::get);
        return GetUpdates.builder()
                .offset(lastUpdateId + 1)
                .limit(Math.max(1, room))
                .timeout((int) settings.pollTimeout().toSeconds())
                .allowedUpdates(UPDATE_KINDS)
                .build();
    }

    /** Hands each update to a worker; runs on the polling thread and never throws. */
    private void consume(List<Update> updates) {
        if (closed.get()) {
            // not confirmed by a later getUpdates offset: Telegram hands them to the next instance
            log.info("Telegram: {} update(s) left for the next start: the bot is stopping", updates.size());
            return;
        }
        for (Update update : updates) {
            // getUpdates asked for no more than there was room for: only a webhook's updates can have taken it
            if (!intake.tryTake() && !intake.take(closed::get)) {
                log.warn("Telegram: update {} dropped: the bot is stopping", update.getUpdateId());
                continue;
            }
            try {
                submit(update);
            } catch (IllegalStateException e) {
                log.warn("Telegram: update {} dropped: the bot is stopping", update.getUpdateId());
            }
        }
    }

    /** Runs an update on a worker; the caller holds room for it in the {@link #intake}, given back when handled. */
    private void submit(Update update) {
        try {
            workers.execute(() -> {
                try {
                    handleSafely(update);
                } finally {
                    intake.release();
                }
            });
        } catch (RejectedExecutionException e) {
            intake.release();
            throw new IllegalStateException("the Telegram bot is stopping", e);
        } catch (RuntimeException e) {
            intake.release();
            log.error("Telegram: update {} not handled: {}", update.getUpdateId(), redactor.stackTrace(e));
        }
    }

    private void handleSafely(Update update) {
        try {
            handler.handle(update);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            log.error("Telegram: update {} failed: {}", update.getUpdateId(), redactor.stackTrace(e));
        }
    }

    private boolean isAdmin(long chatId, long userId) {
        try {
            ChatMember member = client.execute(new GetChatMember(String.valueOf(chatId), userId));
            return "administrator".equals(member.getStatus()) || "creator".equals(member.getStatus());
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("Telegram: getChatMember in chat {} failed: {}", chatId, redactor.describe(e));
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (connector != null) connector.stop();
        pollGuard.stop();
        try {
            // cancels the polling task; the poll in flight ends by itself within the poll timeout, on a daemon thread
            if (polling != null) polling.close();
        } catch (Exception e) {
            log.warn("Telegram: stopping long polling failed: {}", redactor.describe(e));
        }
        pollThread.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sendHttp.dispatcher().executorService().shutdown();
        bulkHttp.dispatcher().executorService().shutdown();
        log.info("Telegram: stopped");
    }

    static TelegramUrl telegramUrl(URI api) {
        boolean https = "https".equals(api.getScheme());
        int port = api.getPort() != -1 ? api.getPort() : https ? 443 : 80;
        return TelegramUrl.builder()
                .schema(api.getScheme())
                .host(api.getHost())
                .port(port)
                .testServer(false)
                .build();
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
