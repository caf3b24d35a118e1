package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A schedule's next post on its days, in its zone's real rules, from an injected instant. */
class ScheduleTest {
    private static Schedule schedule(String time, String zone, Days days) {
        return new Schedule(new Slot(LocalTime.parse(time), ZoneId.of(zone)), Mode.DAILY, days, Format.TEXT);
    }

    @Test
    void daysReadAsTypedAndWrittenBack() {
        assertThat(Days.parse("weekdays")).contains(Days.WEEKDAYS);
        assertThat(Days.parse("周末")).contains(Days.WEEKENDS);
        assertThat(Days.parse("EVERYDAY")).contains(Days.EVERY_DAY);
        assertThat(Days.parse("mon,wed,fri").orElseThrow().days())
                .containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(Days.parse("Friday,monday").orElseThrow().word()).isEqualTo("mon,fri");
        assertThat(Days.parse("mon,tue,wed,thu,fri")).contains(Days.WEEKDAYS);
        assertThat(Days.parse("mon,,fri")).isEmpty();
        assertThat(Days.parse("mon,mon")).isEmpty();
        assertThat(Days.parse("moon")).isEmpty();
        for (Days d :
                new Days[] {Days.EVERY_DAY, Days.WEEKDAYS, Days.WEEKENDS, Days.of(EnumSet.of(DayOfWeek.SUNDAY))}) {
            assertThat(Days.parse(d.word())).contains(d);
        }
    }

    @Test
    void aWeekdayScheduleSkipsTheWeekend() {
        // Friday 2026-03-06 08:00 in Shanghai, after the 07:30 post
        Instant friday = Instant.parse("2026-03-06T00:00:00Z");
        Schedule weekdays = schedule("07:30", "Asia/Shanghai", Days.WEEKDAYS);

        assertThat(weekdays.nextAfter(friday)).isEqualTo(Instant.parse("2026-03-08T23:30:00Z")); // Monday 07:30
        assertThat(weekdays.postsOn(LocalDate.of(2026, 3, 7))).isFalse();
        assertThat(schedule("07:30", "Asia/Shanghai", Days.WEEKENDS).nextAfter(friday))
                .isEqualTo(Instant.parse("2026-03-06T23:30:00Z")); // Saturday 07:30
        assertThat(schedule("07:30", "Asia/Shanghai", Days.EVERY_DAY).nextAfter(friday))
                .isEqualTo(Instant.parse("2026-03-06T23:30:00Z"));
    }

    @Test
    void theLocalDayDecidesNotTheServersDay() {
        // Sunday 2026-03-08 20:00 UTC is already Monday 09:00 in Auckland (UTC+13)
        Instant sundayUtc = Instant.parse("2026-03-08T20:00:00Z");
        assertThat(schedule("10:00", "Pacific/Auckland", Days.WEEKDAYS).nextAfter(sundayUtc))
                .isEqualTo(Instant.parse("2026-03-08T21:00:00Z"));
        assertThat(schedule("10:00", "Pacific/Auckland", Days.WEEKENDS).nextAfter(sundayUtc))
                .isEqualTo(Instant.parse("2026-03-13T21:00:00Z")); // Saturday 14 March 10:00, UTC+13
    }

    @Test
    void onASpringForwardSundayATimeInTheGapPostsJustAfterIt() {
        // 2026-03-29, Europe/Berlin: 02:00 CET becomes 03:00 CEST; 02:30 is posted at 03:30 CEST
        Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
        Schedule weekends = schedule("02:30", "Europe/Berlin", Days.WEEKENDS);
        assertThat(weekends.nextAfter(saturday)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(schedule("02:30", "Europe/Berlin", Days.WEEKDAYS).nextAfter(saturday))
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z")); // Monday 02:30 CEST
    }

    @Test
    void onAHalfHourFallBackSundayARepeatedTimePostsAtItsFirstOccurrence() {
        // 2026-04-05, Australia/Lord_Howe: 02:00 (+11) goes back to 01:30 (+10:30); 01:45 happens twice
        Instant saturday = Instant.parse("2026-04-04T00:00:00Z");
        Schedule sundays =
                schedule("01:45", "Australia/Lord_Howe", Days.parse("sun").orElseThrow());
        assertThat(sundays.nextAfter(saturday)).isEqualTo(Instant.parse("2026-04-04T14:45:00Z"));
        assertThat(sundays.nextAfter(Instant.parse("2026-04-04T14:45:00Z")))
                .as("the second occurrence is not another post: the next is a week later")
                .isEqualTo(Instant.parse("2026-04-11T15:15:00Z"));
    }

    @Test
    void aScheduleMadeBetweenTheTwoOccurrencesOfARepeatedTimeIsNextPostedAtTheSecond() {
        // 2026-11-01, America/New_York: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST)
        Schedule daily = schedule("01:30", "America/New_York", Days.EVERY_DAY);
        Instant between = Instant.parse("2026-11-01T06:00:00Z");
        assertThat(daily.nextAfter(between, between)).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
        assertThat(daily.nextAfter(between, Instant.parse("2026-10-01T00:00:00Z")))
                .as("made long before: posted at the first occurrence, next the day after")
                .isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-11-01T05:29:00Z"), Instant.parse("2026-11-01T05:29:00Z")))
                .as("made a minute before the first")
                .isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-11-01T06:31:00Z"), Instant.parse("2026-11-01T06:31:00Z")))
                .isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
    }
}
