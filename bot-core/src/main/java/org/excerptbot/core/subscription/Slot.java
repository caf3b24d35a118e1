package org.excerptbot.core.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A distinct local posting time in a zone. Every subscription in a slot is due at the same instant, so the
 * scheduler keeps one trigger per slot, not one per subscription.
 *
 * <p>Day arithmetic follows the subscriber's zone. On a spring-forward day a time inside the gap (02:30 in
 * New York) is due at the same distance past the gap's start (03:30); on a fall-back day a repeated time is due
 * once, at its first (daylight) occurrence. Every local date therefore has exactly one due instant. The scheduler
 * also fires at a repeated time's second occurrence ({@link #occurrencesOn}), for subscriptions made between the
 * two; the one-post-per-local-date key keeps that to one post.
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

    /**
     * The instants this slot's time occurs on a local date, in order: the due instant, and on a fall-back day
     * where the time happens twice also its second occurrence.
     */
    public List<Occurrence> occurrencesOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        LocalDateTime local = date.atTime(time);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        Occurrence due = new Occurrence(date, dueOn(date));
        if (offsets.size() < 2) return List.of(due);
        Instant second =
                ZonedDateTime.of(local, zone).withLaterOffsetAtOverlap().toInstant();
        return List.of(due, new Occurrence(date, second));
    }

    /** The first occurrence strictly after {@code instant}: when the slot's trigger fires next. */
    public Occurrence occurrenceAfter(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        // a time shifted past a gap at midnight occurs on the next calendar day: start a day early
        for (LocalDate date = dateAt(instant).minusDays(1); ; date = date.plusDays(1)) {
            for (Occurrence o : occurrencesOn(date)) {
                if (o.at().isAfter(instant)) return o;
            }
        }
    }

    /** The last occurrence at or before {@code instant}: the one a late or repeated firing stands for. */
    public Occurrence occurrenceAtOrBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        for (LocalDate date = dateAt(instant).plusDays(1); ; date = date.minusDays(1)) {
            List<Occurrence> on = occurrencesOn(date);
            for (int i = on.size() - 1; i >= 0; i--) {
                if (!on.get(i).at().isAfter(instant)) return on.get(i);
            }
        }
    }

    /** One occurrence of a slot's time: the local date it belongs to and the instant. */
    public record Occurrence(LocalDate date, Instant at) {
        public Occurrence {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(at, "at");
        }
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
