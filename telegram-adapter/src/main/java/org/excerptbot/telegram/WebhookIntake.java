package org.excerptbot.telegram;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.HttpRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * A webhook: setWebhook with the public URL and the secret, and an {@link HttpRoute} for the application's HTTP
 * server whose {@link TelegramWebhook} handler hands each update Telegram pushes to a worker. An update that
 * arrives before setWebhook went through, while the bot stops, or while it holds as many updates as it has room
 * for, is answered 503, and Telegram delivers it again later.
 */
final class WebhookIntake implements UpdateIntake {
    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final TelegramSettings.Webhook webhook;
    private final TelegramClient client;
    private final UpdateRoom room;
    private final HttpRoute route;
    /** Completed once setWebhook went through, with where updates go. */
    private final CompletableFuture<UpdateWorkers> opened = new CompletableFuture<>();

    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param client for setWebhook
     */
    WebhookIntake(TelegramSettings.Webhook webhook, TelegramClient client, UpdateRoom room) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.client = client;
        this.room = room;
        this.route = new HttpRoute(webhook.path(), new TelegramWebhook(webhook.secret(), this::accept));
    }

    @Override
    public List<Connector.Step> open(UpdateWorkers workers) {
        return List.of(new Connector.Step(
                "setWebhook",
                "check TELEGRAM_WEBHOOK_URL: Telegram needs a public https URL on port 443, 80, 88 or 8443",
                () -> setWebhook(workers)));
    }

    @Override
    public HealthCheck.Result health(BotIdentity me, Instant since) {
        return HealthCheck.Result.up(
                "@" + me.username() + " receives updates by webhook at " + webhook.url() + " since " + since);
    }

    @Override
    public List<HttpRoute> routes() {
        return List.of(route);
    }

    private void setWebhook(UpdateWorkers workers) throws TelegramApiException {
        client.execute(SetWebhook.builder()
                .url(webhook.url().toString())
                .secretToken(webhook.secret())
                .allowedUpdates(UPDATE_KINDS)
                .build());
        opened.complete(workers);
        log.info("Telegram: receiving updates by webhook at {}", webhook.url());
    }

    /**
     * Handles one update the endpoint received, on a worker; returns at once.
     *
     * @throws IllegalStateException when the bot is stopping, not connected yet or has too many updates in hand
     */
    void accept(Update update) {
        Objects.requireNonNull(update, "update");
        if (closed.get()) throw new IllegalStateException("the Telegram bot is stopping");
        UpdateWorkers workers = opened.getNow(null);
        if (workers == null) throw new IllegalStateException("the Telegram bot is not connected yet");
        if (!room.tryTake()) throw new IllegalStateException("the Telegram bot is busy; try again later");
        workers.submit(update);
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
