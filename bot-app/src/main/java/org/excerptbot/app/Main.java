package org.excerptbot.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.config.ConfigTemplate;
import org.excerptbot.app.config.Setting;
import org.excerptbot.app.console.ConsoleMessenger;
import org.excerptbot.app.console.ConsoleSession;
import org.excerptbot.app.http.DatabaseHealth;
import org.excerptbot.app.ops.DoctorCommand;
import org.excerptbot.app.ops.Operations;
import org.excerptbot.app.ops.Shutdown;
import org.excerptbot.app.ops.SubscriptionsCommand;
import org.excerptbot.app.platform.DiscordPlatform;
import org.excerptbot.app.platform.TelegramPlatform;
import org.excerptbot.core.Version;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.metrics.MeteredMessenger;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.telegram.TelegramBot;
import org.excerptbot.telegram.TelegramSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Entry point of excerpt-bot.jar. With no subcommand it runs the configured platforms. */
@Command(
        name = "excerpt-bot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "A self-hosted Telegram and Discord bot serving excerpts of four Chinese texts.",
        subcommands = {
            Main.ConsoleCommand.class,
            Main.CalendarCommand.class,
            Main.ConfigCommand.class,
            DoctorCommand.class,
            SubscriptionsCommand.class
        })
public final class Main implements Callable<Integer> {
    /** Exit code for an invalid setting. */
    public static final int EXIT_CONFIG = 2;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration file (flags and environment variables override it).")
    Path configFile;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Set one setting, by YAML key or environment name; overrides everything else.")
    Map<String, String> flags = new LinkedHashMap<>();

    public static void main(String[] args) {
        Startup.begin();
        System.setOut(new PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("Configuration error: " + e.getMessage());
                return EXIT_CONFIG;
            }
            throw e;
        });
        return cl;
    }

    /** The configuration from --set flags, the environment and --config; throws ConfigException when invalid. */
    public AppConfig config() {
        return ConfigLoader.load(flags, System.getenv(), Optional.ofNullable(configFile));
    }

    @Override
    public Integer call() throws Exception {
        AppConfig config = config();
        if (config.telegramToken().isEmpty() && config.discordToken().isEmpty()) {
            System.err.println(
                    """
                    No platform is configured, so there is nothing to connect to.
                      To run on Telegram, set TELEGRAM_BOT_TOKEN (from @BotFather).
                      To run on Discord, set DISCORD_BOT_TOKEN (from the Discord developer portal).
                      Or put them in a YAML file (java -jar excerpt-bot.jar config init) and pass --config FILE.
                    """);
            if (System.console() != null) {
                System.err.println("Starting the console instead; type /help, or Ctrl-D to quit.");
                return runConsole(config, true, false);
            }
            return EXIT_CONFIG;
        }
        return runPlatforms(config);
    }

    /** Runs every configured platform and the daily posts until the process is told to stop. */
    static int runPlatforms(AppConfig config) throws InterruptedException {
        Logger log = LoggerFactory.getLogger(Main.class);
        Shutdown shutdown = new Shutdown();
        Operations ops = Operations.start(config, shutdown);
        // /healthz is not ready until every part has started: each check is down ("starting") until replaced
        ops.health().register("database", Main::starting);
        if (TelegramPlatform.settings(config).isPresent()) ops.health().register("telegram", Main::starting);
        if (DiscordPlatform.settings(config).isPresent()) ops.health().register("discord", Main::starting);
        BotRuntime runtime = BotRuntime.open(config, Clock.systemUTC(), ops.metrics());
        runtime.core().search().startBuilding();
        shutdown.register(Shutdown.Phase.CLOSE_POOL, "database", runtime.database());
        ops.health().register("database", new DatabaseHealth(runtime.database().dataSource()));
        ops.metrics().deliveryQueueDepth(runtime::pendingPosts);
        List<Messenger> messengers = new ArrayList<>();
        try {
            Optional<TelegramSettings> telegram = TelegramPlatform.settings(config);
            if (telegram.isPresent() && ops.telegramWebhookMode() && ops.port().isEmpty()) {
                throw new ConfigException(
                        "TELEGRAM_WEBHOOK_URL is set but EXCERPT_BOT_HTTP_PORT is not: set the port"
                                + " the webhook endpoint listens on (1-65535), or unset TELEGRAM_WEBHOOK_URL to use long polling.");
            }
            if (telegram.isPresent()) {
                TelegramBot bot = ops.telegramWebhookMode()
                        ? TelegramPlatform.startWebhook(
                                telegram.get(),
                                runtime.core(),
                                config.zone(),
                                runtime.chatStatus(),
                                URI.create(config.get(Setting.TELEGRAM_WEBHOOK_URL)),
                                config.get(Setting.TELEGRAM_WEBHOOK_SECRET))
                        : TelegramPlatform.start(telegram.get(), runtime.core(), config.zone(), runtime.chatStatus());
                shutdown.register(Shutdown.Phase.STOP_ACCEPTING, "telegram", bot);
                if (ops.telegramWebhookMode()) ops.serveTelegramWebhook(bot::accept);
                messengers.add(new MeteredMessenger(bot.messenger(), ops.metrics()));
                ops.health().register("telegram", TelegramPlatform.health(bot));
                if (bot.username() != null) log.info("Telegram: running as @{}", bot.username());
            }
            Optional<DiscordSettings> discord = DiscordPlatform.settings(config);
            if (discord.isPresent()) {
                DiscordPlatform platform = DiscordPlatform.start(discord.get(), runtime.core(), runtime.chatStatus());
                shutdown.register(Shutdown.Phase.STOP_ACCEPTING, "discord", platform);
                messengers.add(new MeteredMessenger(platform.messenger(), ops.metrics()));
                log.info("Discord: running");
                ops.health()
                        .register(
                                "discord",
                                () -> platform.gatewayStatus().equals("CONNECTED")
                                        ? HealthCheck.Result.up("gateway connected")
                                        : HealthCheck.Result.down("gateway " + platform.gatewayStatus()));
            }
            runtime.startPosts(messengers);
            shutdown.register(Shutdown.Phase.FINISH_IN_FLIGHT, "daily posts", runtime::stopPosts);
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

    private static HealthCheck.Result starting() {
        return HealthCheck.Result.down("starting");
    }

    static int runConsole(AppConfig config, boolean interactive, boolean echo) throws Exception {
        quietLogs();
        try (BotRuntime runtime = BotRuntime.open(config, Clock.systemUTC())) {
            Locale locale = Messages.localeOf(config.get(Setting.LANGUAGE));
            CoreServices core = runtime.core();
            ConsoleSession session =
                    new ConsoleSession(core.dispatcher(), core.messages().texts(locale), System.out, interactive, echo);
            // the scheduler and the search index start once the first command is answered, or after a moment of
            // quiet, so that they do not compete with the first reply for the CPU
            CompletableFuture<Void> settled =
                    new CompletableFuture<Void>().completeOnTimeout(null, 2, TimeUnit.SECONDS);
            CompletableFuture<Void> background = settled.thenRunAsync(() -> {
                core.search().startBuilding();
                runtime.startPosts(List.of(new ConsoleMessenger(session)));
            });
            session.run(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    () -> settled.complete(null));
            settled.complete(null);
            background.join();
        }
        return 0;
    }

    /** In the console only warnings are logged (to standard error), unless EXCERPT_BOT_LOG_LEVEL says otherwise. */
    private static void quietLogs() {
        Startup.awaitLogging();
        if (System.getenv("EXCERPT_BOT_LOG_LEVEL") == null
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Reads commands from standard input and answers on standard output. */
    @Command(
            name = "console",
            mixinStandardHelpOptions = true,
            description =
                    "Run the bot in this terminal: one command per line, plain-text replies; exits at the end of input.")
    static final class ConsoleCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Option(names = "--echo", description = "Print each command, after '> ', before its reply (a transcript).")
        boolean echo;

        @Option(
                names = "--lang",
                paramLabel = "zh|en",
                description = "The console's language; overrides EXCERPT_BOT_LANGUAGE.")
        String lang;

        @Override
        public Integer call() throws Exception {
            if (lang != null) main.flags.put(Setting.LANGUAGE.yamlPath(), lang);
            return runConsole(main.config(), System.console() != null, echo);
        }
    }

    /** Prints the excerpt of each day. */
    @Command(
            name = "calendar",
            mixinStandardHelpOptions = true,
            description = "Print the excerpt of the day for a range of dates: date, TAB, excerpt id, TAB, text.")
    static final class CalendarCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Option(
                names = "--from",
                paramLabel = "DATE",
                description = "First date, ISO format (default: today in the instance's zone).")
        LocalDate from;

        @Option(
                names = "--days",
                paramLabel = "N",
                defaultValue = "30",
                description = "Number of days, 1-36600 (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() {
            AppConfig config = main.config();
            if (days < 1 || days > 36_600) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--days: must be 1-36600, was " + days);
            }
            CoreServices core =
                    CoreServices.build(config, Clock.systemUTC(), ChatZones.fixed(config.zone()), List.of());
            LocalDate start = from != null ? from : LocalDate.now(config.zone());
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < days; i++) {
                LocalDate day = start.plusDays(i);
                Excerpt e = core.rotation().excerptFor(day);
                out.append(day)
                        .append('\t')
                        .append(e.id())
                        .append('\t')
                        .append(e.text())
                        .append('\n');
            }
            System.out.print(out);
            System.out.flush();
            return 0;
        }
    }

    /** Configuration helpers. */
    @Command(
            name = "config",
            mixinStandardHelpOptions = true,
            description = "Configuration helpers.",
            subcommands = {ConfigTemplate.InitCommand.class})
    static final class ConfigCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            new CommandLine(this).usage(System.out);
            return 0;
        }
    }

    /** Reports the build's version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Excerpt Bot " + Version.get()};
        }
    }
}
