package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.HttpRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Long polling with TelegramBots: deleteWebhook, then getUpdates in a loop on a thread of its own, each poll asking
 * for no more updates than there is room for (so that a burst waits at Telegram, not in this heap), each update
 * taken handed to a worker at once. The {@link PollGuard} in front of getUpdates turns failed polls into logged,
 * backed-off empty ones, and spaces out polls a server answers at once.
 */
final class LongPollingIntake implements UpdateIntake {
    private static final Logger log = LoggerFactory.getLogger(LongPollingIntake.class);
    /** The most updates one getUpdates call returns (the Bot API's limit). */
    static final int MAX_UPDATES_PER_POLL = 100;

    private final TelegramSettings settings;
    private final TelegramClient client;
    private final PollGuard guard;
    private final UpdateRoom room;
    private final TelegramUrl url;
    private final ScheduledExecutorService pollThread;
    private final TelegramBotsLongPollingApplication polling;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param http deleteWebhook goes through its replies' client, the polls through its long-poll client
     * @param guard in front of getUpdates
     */
    LongPollingIntake(TelegramSettings settings, BotApiClients http, PollGuard guard, UpdateRoom room) {
        this.settings = settings;
        this.client = http.replies();
        this.guard = guard;
        this.room = room;
        this.url = BotApiClients.telegramUrl(settings.apiUrl());
        this.pollThread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("telegram-poll"));
        var pollHttp = http.polling(guard);
        this.polling = new TelegramBotsLongPollingApplication(
                ObjectMapper::new, () -> pollHttp, () -> pollThread, () -> CappedBackOff.upTo(settings.maxBackOff()));
    }

    @Override
    public List<Connector.Step> open(UpdateWorkers workers) {
        return List.of(
                new Connector.Step(
                        "deleteWebhook",
                        "long polling needs the webhook deleted",
                        () -> client.execute(new DeleteWebhook())),
                new Connector.Step("getUpdates", "long polling cannot start", () -> startPolling(workers)));
    }

    @Override
    public HealthCheck.Result health(BotIdentity me, Instant since) {
        Optional<PollGuard.Failing> failing = guard.failing();
        if (failing.isPresent()) {
            return HealthCheck.Result.down("getUpdates failing since "
                    + failing.get().since() + ": " + failing.get().description());
        }
        String polls = "@" + me.username() + " polling " + settings.apiUrl()
                + guard.lastAnswer().map(last -> "; last answer " + last).orElse(" since " + since);
        return guard.eagerSince()
                .map(eager -> HealthCheck.Result.degraded(
                        polls + "; getUpdates answers at once instead of holding the poll (since " + eager
                                + "), so polls are spaced out"))
                .orElse(HealthCheck.Result.up(polls));
    }

    @Override
    public List<HttpRoute> routes() {
        return List.of();
    }

    /** Starts the library's polling session (it calls deleteWebhook again first). */
    private void startPolling(UpdateWorkers workers) throws TelegramApiException {
        try {
            polling.registerBot(settings.token(), () -> url, this::nextPoll, updates -> consume(updates, workers));
        } catch (TelegramApiException | RuntimeException e) {
            polling.unregisterBot(settings.token()); // so that the next attempt can register it again
            throw e;
        }
        log.info("Telegram: polling {} for updates", settings.apiUrl());
    }

    /**
     * The next poll, made when there is room: it asks for as many updates as there is room for, so that what the bot
     * holds stays within the room's bound and the rest of a backlog waits at Telegram.
     */
    private GetUpdates nextPoll(Integer lastUpdateId) {
        int room = this.room.awaitRoom(MAX_UPDATES_PER_POLL, stopping::get);
        return GetUpdates.builder()
                .offset(lastUpdateId + 1)
                .limit(Math.max(1, room))
                .timeout((int) settings.pollTimeout().toSeconds())
                .allowedUpdates(UPDATE_KINDS)
                .build();
    }

    /** Hands each update to a worker; runs on the polling thread and never throws. */
    private void consume(List<Update> updates, UpdateWorkers workers) {
        if (stopping.get()) {
            // not confirmed by a later getUpdates offset: Telegram hands them to the next instance
            log.info("Telegram: {} update(s) left for the next start: the bot is stopping", updates.size());
            return;
        }
        for (Update update : updates) {
            // getUpdates asked for no more than there was room for; take() waits only if replies took some since
            if (!room.tryTake() && !room.take(stopping::get)) {
                log.warn("Telegram: update {} dropped: the bot is stopping", update.getUpdateId());
                continue;
            }
            try {
                workers.submit(update);
            } catch (IllegalStateException e) {
                log.warn("Telegram: update {} dropped: the bot is stopping", update.getUpdateId());
            } catch (RuntimeException e) {
                log.error("Telegram: update {} not handled", update.getUpdateId(), e);
            }
        }
    }

    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) return;
        guard.stop();
        try {
            // cancels the polling task; the poll in flight ends by itself within the poll timeout, on a daemon thread
            polling.close();
        } catch (Exception e) {
            log.warn("Telegram: stopping long polling failed: {}", e.toString());
        }
        pollThread.shutdown();
    }
}
