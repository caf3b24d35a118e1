package org.excerptbot.app;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints the excerpt of each day. */
@Command(
        name = "calendar",
        mixinStandardHelpOptions = true,
        description = "Print the excerpt of the day for a range of dates: date, TAB, excerpt id, TAB, text.")
final class CalendarCommand implements Callable<Integer> {
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
        DailyRotation rotation = CoreServices.rotation(config);
        LocalDate start = from != null ? from : LocalDate.now(config.zone());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            Excerpt e = rotation.excerptFor(day);
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
