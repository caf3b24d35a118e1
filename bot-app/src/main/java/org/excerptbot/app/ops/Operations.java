package org.excerptbot.app.ops;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.http.HealthRegistry;
import org.excerptbot.app.http.MicrometerBotMetrics;
import org.excerptbot.app.http.OpsServer;
import org.excerptbot.app.logging.LogSetup;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.platform.HttpRoute;

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
    private final MicrometerBotMetrics metrics;
    private final HealthRegistry health;
    private final Optional<OpsServer> server;

    private Operations(MicrometerBotMetrics metrics, HealthRegistry health, OpsServer server) {
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
                config.httpPort().isPresent()
                        ? new InetSocketAddress(config.httpPort().getAsInt())
                        : null);
    }

    /** As {@link #start(AppConfig, Shutdown)}, on an explicit address (null for no HTTP server). */
    public static Operations start(AppConfig config, Shutdown shutdown, InetSocketAddress address) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(shutdown, "shutdown");
        LogSetup.apply(config, "INFO");
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
        return new Operations(metrics, health, server);
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

    /**
     * Serves a platform's route on the HTTP server.
     *
     * @throws IllegalStateException when there is no HTTP server (the configuration loader prevents it for webhooks)
     */
    public void mount(HttpRoute route) {
        server.orElseThrow(() -> new IllegalStateException(
                        "EXCERPT_BOT_HTTP_PORT is not set: nothing would serve " + route.path()))
                .mount(route);
    }
}
