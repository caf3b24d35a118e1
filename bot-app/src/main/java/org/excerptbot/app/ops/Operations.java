package org.excerptbot.app.ops;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.Setting;
import org.excerptbot.app.http.HealthRegistry;
import org.excerptbot.app.http.MicrometerBotMetrics;
import org.excerptbot.app.http.OpsServer;
import org.excerptbot.app.http.TelegramWebhook;
import org.excerptbot.app.logging.LogSetup;
import org.excerptbot.core.metrics.BotMetrics;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The operational side of a running instance in one place, for {@code Main}: log settings applied, the metrics
 * and health registries, and the HTTP server (when {@code EXCERPT_BOT_HTTP_PORT} is set) registered with the
 * {@link Shutdown} as the first thing to stop.
 *
 * <pre>{@code
 * Shutdown shutdown = new Shutdown().installHook();
 * Operations ops = Operations.start(config, shutdown);
 * // build the dispatcher on MeteredCommands.wrap(registry, ops.metrics()),
 * // wrap each messenger in new MeteredMessenger(messenger, ops.metrics()),
 * // ops.health().register("database", new DatabaseHealth(db.dataSource())), ...
 * }</pre>
 */
public final class Operations {
    private final AppConfig config;
    private final MicrometerBotMetrics metrics;
    private final HealthRegistry health;
    private final Optional<OpsServer> server;

    private Operations(AppConfig config, MicrometerBotMetrics metrics, HealthRegistry health, OpsServer server) {
        this.config = config;
        this.metrics = metrics;
        this.health = health;
        this.server = Optional.ofNullable(server);
    }

    /** Applies the log settings and starts the HTTP server on EXCERPT_BOT_HTTP_PORT (all interfaces) if set. */
    public static Operations start(AppConfig config, Shutdown shutdown) {
        Objects.requireNonNull(config, "config");
        return start(
                config,
                shutdown,
                config.optional(Setting.HTTP_PORT)
                        .map(port -> new InetSocketAddress(Integer.parseInt(port)))
                        .orElse(null));
    }

    /** As {@link #start(AppConfig, Shutdown)}, on an explicit address (null for no HTTP server). */
    public static Operations start(AppConfig config, Shutdown shutdown, InetSocketAddress address) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(shutdown, "shutdown");
        LogSetup.apply(config);
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        HealthRegistry health = new HealthRegistry();
        OpsServer server = null;
        if (address != null) {
            server = OpsServer.start(address, health, metrics);
            shutdown.register(Shutdown.Phase.STOP_ACCEPTING, "http server", server);
        } else {
            // no endpoint, but readiness still turns off first for whoever asks in-process
            shutdown.register(Shutdown.Phase.STOP_ACCEPTING, "readiness", health::markStopping);
        }
        return new Operations(config, metrics, health, server);
    }

    /** Where the core and the adapters count things. */
    public BotMetrics metrics() {
        return metrics;
    }

    /** Where the database and the platforms register their health checks. */
    public HealthRegistry health() {
        return health;
    }

    /** The HTTP server's port, when there is one. */
    public Optional<Integer> port() {
        return server.map(OpsServer::port);
    }

    /** Whether TELEGRAM_WEBHOOK_URL asks for webhook mode instead of long polling. */
    public boolean telegramWebhookMode() {
        return config.optional(Setting.TELEGRAM_WEBHOOK_URL).isPresent();
    }

    /**
     * Serves the Telegram webhook on the path of TELEGRAM_WEBHOOK_URL, checking TELEGRAM_WEBHOOK_SECRET and handing
     * each update to {@code updates} (the adapter's handler).
     *
     * @throws IllegalStateException when webhook mode is not configured or there is no HTTP server
     */
    public void serveTelegramWebhook(Consumer<Update> updates) {
        if (!telegramWebhookMode()) throw new IllegalStateException("TELEGRAM_WEBHOOK_URL is not set");
        OpsServer s = server.orElseThrow(() -> new IllegalStateException(
                "TELEGRAM_WEBHOOK_URL is set but EXCERPT_BOT_HTTP_PORT is not: nothing would receive the updates"));
        s.webhook(
                TelegramWebhook.pathOf(config.get(Setting.TELEGRAM_WEBHOOK_URL)),
                new TelegramWebhook(config.get(Setting.TELEGRAM_WEBHOOK_SECRET), updates));
    }
}
