package org.excerptbot.core.command.builtin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.reply.ExcerptSections;
import org.excerptbot.core.reply.Reply;

/** /today: the excerpt of the day for the chat's local date. */
public final class TodayCommand implements CommandHandler {
    private final DailyRotation rotation;
    private final ExcerptSections sections;
    private final ChatZones zones;
    private final Clock clock;

    public TodayCommand(DailyRotation rotation, ExcerptSections sections, ChatZones zones, Clock clock) {
        this.rotation = rotation;
        this.sections = sections;
        this.zones = zones;
        this.clock = clock;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("today", List.of(), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        ZoneId zone = zones.zoneOf(context.request().chat());
        LocalDate date = LocalDate.now(clock.withZone(zone));
        return sections.reply(
                context.texts().get("today.title", date, zone.getId()), rotation.excerptFor(date), context.texts());
    }
}
