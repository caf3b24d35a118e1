package org.excerptbot.app;

import java.util.concurrent.Callable;
import org.excerptbot.app.config.ConfigTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Configuration helpers. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Configuration helpers.",
        subcommands = {ConfigTemplate.InitCommand.class})
final class ConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }
}
