package org.excerptbot.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.Setting;
import org.excerptbot.app.console.ConsoleMessenger;
import org.excerptbot.app.console.ConsoleSession;
import org.excerptbot.app.logging.LogSetup;
import org.excerptbot.app.ops.DataDirLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Reads commands from standard input and answers on standard output. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description =
                "Run the bot in this terminal: one command per line, plain-text replies; exits at the end of input.")
final class ConsoleCommand implements Callable<Integer> {
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
        return run(main.config(), System.console() != null, echo);
    }

    /** Runs the console until the end of standard input; the daily posts of console subscriptions appear in it. */
    static int run(AppConfig config, boolean interactive, boolean echo) throws Exception {
        // only warnings, unless the configuration asks for more: the log shares the terminal with the replies
        LogSetup.apply(config, "WARN");
        try (DataDirLock lock = DataDirLock.take(config, "console");
                BotRuntime runtime = BotRuntime.open(config, Clock.systemUTC())) {
            CoreServices core = runtime.core();
            ConsoleSession session = new ConsoleSession(
                    core.dispatcher(),
                    core.messages().texts(config.language()),
                    System.out,
                    interactive,
                    echo,
                    Optional.of(config.dataDir().resolve("cards")));
            // the scheduler and the indexes start once the first command is answered, or after a moment of
            // quiet, so that they do not compete with the first reply for the CPU
            CompletableFuture<Void> settled =
                    new CompletableFuture<Void>().completeOnTimeout(null, 2, TimeUnit.SECONDS);
            CompletableFuture<Void> background = settled.thenRunAsync(() -> {
                core.startIndexing();
                runtime.startPosts(List.of(new ConsoleMessenger(session)));
            });
            session.run(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    () -> settled.complete(null));
            settled.complete(null);
            background.join();
        } catch (DataDirLock.InUseException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_CONFIG;
        }
        return 0;
    }
}
