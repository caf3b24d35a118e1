package org.excerptbot.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.http.CardFiles;
import org.excerptbot.app.http.DatabaseHealth;
import org.excerptbot.app.ops.DataDirLock;
import org.excerptbot.app.ops.Operations;
import org.excerptbot.app.ops.Shutdown;
import org.excerptbot.app.platform.Platforms;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.metrics.MeteredMessenger;
import org.excerptbot.core.platform.HttpRoute;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.platform.PlatformFactory;
import org.excerptbot.core.platform.PlatformRefusedException;

/**
 * The bot as a long-running process: the HTTP server, the database, every configured platform through the
 * platform port, and the daily posts, each registered with the {@link Shutdown} in the order it must stop.
 */
final class BotProcess {
    private BotProcess() {}

    /** Runs until the process is told to stop; returns the exit code (2 when another bot has the data directory). */
    static int run(AppConfig config) throws InterruptedException {
        try (DataDirLock lock = DataDirLock.take(config, "bot")) {
            return runLocked(config);
        } catch (DataDirLock.InUseException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_CONFIG;
        }
    }

    private static int runLocked(AppConfig config) throws InterruptedException {
        Shutdown shutdown = new Shutdown();
        Operations ops = Operations.start(config, shutdown);
        List<PlatformFactory> factories = Platforms.configured(config);
        // /healthz is not ready until every part has started: each check is down ("starting") until replaced
        ops.health().register("database", BotProcess::starting);
        for (PlatformFactory factory : factories) ops.health().register(name(factory), BotProcess::starting);
        try {
            BotRuntime runtime = BotRuntime.opening(config, Clock.systemUTC(), ops.metrics());
            shutdown.register(Shutdown.Phase.CLOSE_POOL, "database", runtime::close);
            ops.metrics().deliveryQueueDepth(runtime::pendingPosts);
            PlatformContext context = runtime.platformContext(config.zone());
            // the cards are served only where the self-hoster made the server public, for inline mode to link to
            if (config.publicUrl().isPresent()) {
                ops.mount(new CardFiles(runtime.core().cards()).route());
            }
            // the adapters are built while the database opens; none starts before it is open, so that a database
            // that cannot be opened stops the bot before it takes an update
            List<PlatformAdapter> adapters = new ArrayList<>();
            for (PlatformFactory factory : factories) {
                PlatformAdapter adapter = factory.create(context);
                shutdown.register(Shutdown.Phase.CLOSE_PLATFORMS, name(factory), adapter);
                for (HttpRoute route : adapter.httpRoutes()) ops.mount(route);
                adapters.add(adapter);
            }
            ops.health()
                    .register("database", new DatabaseHealth(runtime.database().dataSource()));
            List<Messenger> messengers = new ArrayList<>();
            for (PlatformAdapter adapter : adapters) {
                adapter.start();
                ops.health().register(name(adapter), adapter.health());
                messengers.add(new MeteredMessenger(adapter.messenger(), ops.metrics()));
            }
            runtime.startPosts(messengers);
            List<Platform> platforms =
                    messengers.stream().map(Messenger::platform).toList();
            for (Platform p : platforms) {
                ops.metrics().deliveryBacklog(p, () -> runtime.backlog().waiting(p), () -> runtime.backlog()
                        .oldestAgeSeconds(p));
            }
            ops.health().register("backlog", runtime.backlog().healthOf(platforms));
            shutdown.register(Shutdown.Phase.STOP_POSTS, "daily posts", runtime::stopPosts);
        } catch (PlatformRefusedException e) {
            shutdown.run();
            throw new ConfigException(e.getMessage());
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        shutdown.register(Shutdown.Phase.CLOSE_POOL, "main", stopped::countDown);
        shutdown.installHook();
        stopped.await();
        return 0;
    }

    private static String name(PlatformFactory factory) {
        return factory.platform().name().toLowerCase(Locale.ROOT);
    }

    private static String name(PlatformAdapter adapter) {
        return adapter.platform().name().toLowerCase(Locale.ROOT);
    }

    private static HealthCheck.Result starting() {
        return HealthCheck.Result.down("starting");
    }
}
