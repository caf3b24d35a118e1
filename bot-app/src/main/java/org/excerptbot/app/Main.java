package org.excerptbot.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.config.ConfigTemplate;
import org.excerptbot.app.config.Setting;
import org.excerptbot.app.console.ConsoleSession;
import org.excerptbot.app.ops.DoctorCommand;
import org.excerptbot.app.ops.SubscriptionsCommand;
import org.excerptbot.core.Version;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Messages;
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
        System.err.println("Platforms are not wired in this build yet.");
        return EXIT_CONFIG;
    }

    static int runConsole(AppConfig config, boolean interactive, boolean echo) throws Exception {
        CoreServices core = CoreServices.build(config, Clock.systemUTC(), ChatZones.fixed(config.zone()), List.of());
        Locale locale = Messages.localeOf(config.get(Setting.LANGUAGE));
        ConsoleSession session =
                new ConsoleSession(core.dispatcher(), core.messages().texts(locale), System.out, interactive, echo);
        session.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        return 0;
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
