package org.excerptbot.core.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A distinct local posting time in a zone. Every subscription in a slot is due at the same instant, so the
 * scheduler keeps one trigger per slot, not one per subscription.
 *
 * <p>Day arithmetic follows the subscriber's zone. On a spring-forward day a time inside the gap (02:30 in
 * New York) is due at the same distance past the gap's start (03:30); on a fall-back day a repeated time is due
 * once, at its first (daylight) occurrence. Every local date therefore has exactly one due instant.
 */
public record Slot(LocalTime time, ZoneId zone) implements Comparable<Slot> {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public Slot {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        time = time.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The time as {@code HH:MM}. */
    public String timeText() {
        return time.format(HH_MM);
    }

    /** The instant this slot is due on a local date. */
    public Instant dueOn(LocalDate date) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The local date in this slot's zone at an instant. */
    public LocalDate dateAt(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The first due instant strictly after {@code instant}. */
    public Instant nextAfter(Instant instant) {
        LocalDate date = dateAt(instant);
        Instant due = dueOn(date);
        while (!due.isAfter(instant)) {
            date = date.plusDays(1);
            due = dueOn(date);
        }
        return due;
    }

    @Override
    public int compareTo(Slot o) {
        int c = time.compareTo(o.time);
        return c != 0 ? c : zone.getId().compareTo(o.zone.getId());
    }

    @Override
    public String toString() {
        return timeText() + " " + zone.getId();
    }
}
