package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Slot arithmetic in the subscriber's zone, never the server's. */
class SlotTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void dueInstantsFollowTheSubscribersZone() {
        Slot shanghai = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
        assertThat(shanghai.dueOn(LocalDate.of(2026, 3, 2))).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        // 23:30 UTC on 1 March is already 2 March in Shanghai
        assertThat(shanghai.dateAt(Instant.parse("2026-03-01T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(shanghai.nextAfter(Instant.parse("2026-03-01T23:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(shanghai.nextAfter(Instant.parse("2026-03-02T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    }

    @Test
    void aTimeInTheSpringForwardGapIsDueJustAfterTheGapOnce() {
        Slot slot = new Slot(LocalTime.of(2, 30), NEW_YORK);
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 is due at 03:30 EDT = 07:30 UTC
        assertThat(slot.dueOn(LocalDate.of(2026, 3, 8))).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
        assertThat(slot.dueOn(LocalDate.of(2026, 3, 7))).isEqualTo(Instant.parse("2026-03-07T07:30:00Z"));
        assertThat(slot.dueOn(LocalDate.of(2026, 3, 9))).isEqualTo(Instant.parse("2026-03-09T06:30:00Z"));
    }

    @Test
    void aRepeatedTimeOnTheFallBackDayIsDueOnceAtItsFirstOccurrence() {
        Slot slot = new Slot(LocalTime.of(1, 30), LONDON);
        // 2026-10-25: 01:30 happens in BST (00:30 UTC) and again in GMT (01:30 UTC)
        Instant due = slot.dueOn(LocalDate.of(2026, 10, 25));
        assertThat(due).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(slot.nextAfter(due)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void timesAreKeptToTheMinute() {
        assertThat(new Slot(LocalTime.of(8, 0, 59), NEW_YORK).timeText()).isEqualTo("08:00");
    }

    @Test
    void aRepeatedTimeOccursTwiceAndAGapTimeOnce() {
        Slot repeated = new Slot(LocalTime.of(1, 30), LONDON);
        LocalDate fallBack = LocalDate.of(2026, 10, 25);
        assertThat(repeated.occurrencesOn(fallBack))
                .extracting(Slot.Occurrence::at)
                .containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(repeated.occurrenceAfter(Instant.parse("2026-10-25T00:45:00Z")))
                .isEqualTo(new Slot.Occurrence(fallBack, Instant.parse("2026-10-25T01:30:00Z")));
        // a misfire noticed later stands for the last occurrence before it
        assertThat(repeated.occurrenceAtOrBefore(Instant.parse("2026-10-25T03:00:00Z")))
                .isEqualTo(new Slot.Occurrence(fallBack, Instant.parse("2026-10-25T01:30:00Z")));

        Slot gap = new Slot(LocalTime.of(2, 30), NEW_YORK);
        assertThat(gap.occurrencesOn(LocalDate.of(2026, 3, 8)))
                .extracting(Slot.Occurrence::at)
                .containsExactly(Instant.parse("2026-03-08T07:30:00Z"));
    }
}
