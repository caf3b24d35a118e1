package org.excerptbot.core.platform;

import java.util.List;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.metrics.HealthCheck;

/**
 * Port: one chat platform as the application runs it. Made by its {@link PlatformFactory}; the application
 * {@linkplain #start() starts} every configured one, hands their {@linkplain #messenger() messengers} to the daily
 * posts, mounts their {@linkplain #httpRoutes() HTTP routes}, reports their {@linkplain #health() health}, and
 * {@linkplain #close() closes} them once the daily posts have stopped.
 */
public interface PlatformAdapter extends AutoCloseable {
    Platform platform();

    /**
     * Connects and starts answering users. May return before the platform is reached (it keeps trying in the
     * background; {@link #health()} says how far it got).
     *
     * @throws PlatformRefusedException when the platform refuses the configured credentials
     */
    void start() throws InterruptedException;

    /** Sends daily posts on this platform; usable once {@link #start()} has returned. */
    Messenger messenger();

    /** The connection's state now, for {@code /healthz}. */
    HealthCheck health();

    /** The endpoints this platform needs on the bot's HTTP server (a webhook); none by default. */
    default List<HttpRoute> httpRoutes() {
        return List.of();
    }

    /** Stops taking updates and lets replies in flight finish. Never throws. */
    @Override
    void close();
}
