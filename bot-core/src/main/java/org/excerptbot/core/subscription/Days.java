package org.excerptbot.core.subscription;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.excerptbot.core.command.ArgType;
import org.excerptbot.core.i18n.Texts;

/**
 * The days of the week a schedule posts on, stored as a bit mask (Monday bit 0 to Sunday bit 6) so that queuing a
 * slot can filter by day in SQL. Never empty.
 */
public record Days(int mask) {
    public static final Days EVERY_DAY = new Days(0x7f);
    public static final Days WEEKDAYS = new Days(0x1f);
    public static final Days WEEKENDS = new Days(0x60);

    public Days {
        if (mask < 1 || mask > 0x7f) throw new IllegalArgumentException("mask: must be 1-127, was " + mask);
    }

    /** The days of a non-empty set. */
    public static Days of(Set<DayOfWeek> days) {
        int mask = 0;
        for (DayOfWeek d : days) mask |= bit(d);
        return new Days(mask);
    }

    /** The days a word names as {@code /subscribe} takes it ({@code weekdays}, {@code mon,wed,fri}, ...). */
    public static Optional<Days> parse(String word) {
        return ArgType.DaysOfWeek.parse(word).map(Days::of);
    }

    /** The bit of a day in {@link #mask()}. */
    public static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    public boolean includes(DayOfWeek day) {
        return (mask & bit(day)) != 0;
    }

    /** The days, Monday first. */
    public Set<DayOfWeek> days() {
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) if (includes(d)) out.add(d);
        return out;
    }

    /** The word {@link #parse} reads back: {@code everyday}, {@code weekdays}, {@code weekends} or {@code mon,wed,fri}. */
    public String word() {
        if (equals(EVERY_DAY)) return "everyday";
        if (equals(WEEKDAYS)) return "weekdays";
        if (equals(WEEKENDS)) return "weekends";
        List<String> names = new ArrayList<>();
        for (DayOfWeek d : days()) names.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
        return String.join(",", names);
    }

    /** The days in the reader's language: 每天, 工作日, 周一、周三、周五 / every day, weekdays, Mon, Wed, Fri. */
    public String describe(Texts texts) {
        if (equals(EVERY_DAY)) return texts.get("days.everyday");
        if (equals(WEEKDAYS)) return texts.get("days.weekdays");
        if (equals(WEEKENDS)) return texts.get("days.weekends");
        List<String> names = new ArrayList<>();
        for (DayOfWeek d : days())
            names.add(texts.get("days." + d.name().substring(0, 3).toLowerCase(Locale.ROOT)));
        return String.join(texts.get("days.separator"), names);
    }
}
