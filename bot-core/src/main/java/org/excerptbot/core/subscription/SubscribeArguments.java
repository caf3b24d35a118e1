package org.excerptbot.core.subscription;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;

/**
 * The arguments of {@code /subscribe [HH:MM] [Area/City] [daily|sequential] [text|card] [days]}, in any order, each
 * optional. The dispatcher reads and checks them by {@link #SPECS} (strict times, zones the JDK knows, days of the
 * week); an omitted one keeps the setting of the schedule being changed or takes the default.
 */
public record SubscribeArguments(
        Optional<LocalTime> time,
        Optional<ZoneId> zone,
        Optional<Mode> mode,
        Optional<Format> format,
        Optional<Days> days) {
    /** The arguments' specs: a time, a zone, a mode, a format and days, recognised by their form. */
    public static final List<ArgSpec> SPECS = List.of(
            ArgSpec.time("time").asOptional().inAnyOrder(),
            ArgSpec.zone("zone").asOptional().inAnyOrder(),
            ArgSpec.choice("mode", List.of(Mode.DAILY.word(), Mode.SEQUENTIAL.word()))
                    .asOptional()
                    .inAnyOrder(),
            ArgSpec.choice("format", List.of(Format.TEXT.word(), Format.CARD.word()))
                    .asOptional()
                    .inAnyOrder(),
            ArgSpec.daysOfWeek("days").asOptional().inAnyOrder());

    public SubscribeArguments {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(days, "days");
    }

    /** Only a time, a zone and a mode; the format and days left to their defaults. */
    public SubscribeArguments(Optional<LocalTime> time, Optional<ZoneId> zone, Optional<Mode> mode) {
        this(time, zone, mode, Optional.empty(), Optional.empty());
    }

    /** The arguments of a /subscribe the dispatcher has read by {@link #SPECS}. */
    public static SubscribeArguments of(CommandContext context) {
        return new SubscribeArguments(
                context.optionalTime("time"),
                context.optionalZone("zone"),
                context.optionalChoice("mode").map(word -> Mode.parse(word).orElseThrow()),
                context.optionalChoice("format").map(word -> Format.parse(word).orElseThrow()),
                context.optionalDaysOfWeek("days").map(Days::of));
    }
}
