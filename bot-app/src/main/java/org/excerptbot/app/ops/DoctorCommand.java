package org.excerptbot.app.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.excerptbot.app.Main;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.platform.Platforms;
import org.excerptbot.core.platform.Diagnosis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code doctor}: checks the configuration, the database and each token, and says what to fix. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check the configuration, the database and each platform token, and say what to fix."
                + " Exit code 0 when all is well, 1 when something must be fixed, 2 for an invalid setting.")
public final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for each server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        AppConfig config;
        try {
            config = main.config();
        } catch (ConfigException e) {
            Doctor.print(
                    List.of(new Diagnosis(
                            Diagnosis.Level.FAIL,
                            "configuration",
                            e.getMessage(),
                            "fix that setting (java -jar excerpt-bot.jar config init writes a commented template)")),
                    System.out);
            return Main.EXIT_CONFIG;
        }
        int timeout = Math.max(1, Math.min(timeoutSeconds, 120));
        return Doctor.print(
                new Doctor(Duration.ofSeconds(timeout))
                        .examine(config, Platforms.configured(config), Platforms.unconfigured(config)),
                System.out);
    }
}
