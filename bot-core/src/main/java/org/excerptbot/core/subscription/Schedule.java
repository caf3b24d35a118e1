package org.excerptbot.core.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one of a chat's daily posts is: when (a {@link Slot}, on some {@link Days}), what ({@link Mode}) and how it
 * looks ({@link Format}). A chat has at most one schedule per local time.
 */
public record Schedule(Slot slot, Mode mode, Days days, Format format) {
    public Schedule {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(format, "format");
    }

    /** An every-day text schedule: what a chat had before schedules had days and formats. */
    public static Schedule everyDay(Slot slot, Mode mode) {
        return new Schedule(slot, mode, Days.EVERY_DAY, Format.TEXT);
    }

    /** Whether the schedule posts on a local date. */
    public boolean postsOn(LocalDate date) {
        return days.includes(date.getDayOfWeek());
    }

    /**
     * The first due instant strictly after {@code instant} on one of the schedule's days, in its zone (a time in
     * a spring-forward gap is due just after the gap, a repeated time at its first occurrence).
     */
    public Instant nextAfter(Instant instant) {
        return nextAfter(instant, Instant.MIN);
    }

    /**
     * When a subscription whose settings last changed at {@code changedAt} is posted next after {@code instant}: on
     * each of the schedule's days at the first occurrence of its time at or after {@code changedAt} (the post queue
     * takes a subscription only from then on), so on a fall-back day one made between the two occurrences of a
     * repeated time is posted at the second.
     */
    public Instant nextAfter(Instant instant, Instant changedAt) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(changedAt, "changedAt");
        for (LocalDate date = slot.dateAt(instant).minusDays(1); ; date = date.plusDays(1)) {
            if (!postsOn(date)) continue;
            for (Slot.Occurrence o : slot.occurrencesOn(date)) {
                if (o.at().isBefore(changedAt)) continue;
                if (o.at().isAfter(instant)) return o.at();
                break;
            }
        }
    }
}
