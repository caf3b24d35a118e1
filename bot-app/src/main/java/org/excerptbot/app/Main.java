package org.excerptbot.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.ops.BookmarksCommand;
import org.excerptbot.app.ops.DoctorCommand;
import org.excerptbot.app.ops.SubscriptionsCommand;
import org.excerptbot.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of excerpt-bot.jar. With no subcommand it runs the configured platforms. */
@Command(
        name = "excerpt-bot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "A self-hosted Telegram and Discord bot serving excerpts of four Chinese texts.",
        subcommands = {
            ConsoleCommand.class,
            CalendarCommand.class,
            CardCommand.class,
            ConfigCommand.class,
            DoctorCommand.class,
            SubscriptionsCommand.class,
            BookmarksCommand.class
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
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
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
        if (config.hasPlatform()) return BotProcess.run(config);
        System.err.println(
                """
                No platform is configured, so there is nothing to connect to.
                  To run on Telegram, set TELEGRAM_BOT_TOKEN (from @BotFather).
                  To run on Discord, set DISCORD_BOT_TOKEN (from the Discord developer portal).
                  Or put them in a YAML file (java -jar excerpt-bot.jar config init) and pass --config FILE.
                """);
        if (System.console() == null) return EXIT_CONFIG;
        System.err.println("Starting the console instead; type /help, or Ctrl-D to quit.");
        return ConsoleCommand.run(config, true, false);
    }

    /** Reports the build's version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Excerpt Bot " + Version.get()};
        }
    }
}
