package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

/**
 * The real Quartz trigger of a slot, asked for its fire times across daylight-saving changes (no scheduler and no
 * waiting needed): every local day fires first at the instant {@link Slot#dueOn} computes (the slot's time or,
 * inside a spring-forward gap, as far after the gap), and a time that happens twice fires again at its second
 * occurrence.
 */
class SlotTriggersTest {

    private static List<ZonedDateTime> fires(Slot slot, LocalDate from, LocalDate to) {
        Trigger trigger =
                SlotTriggers.trigger(slot, from.atStartOfDay(slot.zone()).toInstant());
        List<ZonedDateTime> out = new ArrayList<>();
        Date end = Date.from(to.plusDays(1).atStartOfDay(slot.zone()).toInstant());
        Date t = trigger.getFireTimeAfter(
                Date.from(from.atStartOfDay(slot.zone()).toInstant().minusSeconds(1)));
        while (t != null && t.before(end)) {
            out.add(t.toInstant().atZone(slot.zone()));
            t = trigger.getFireTimeAfter(t);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource({
        // New York: spring forward 2026-03-08 02:00 -> 03:00, fall back 2026-11-01 02:00 -> 01:00
        "America/New_York, 02:30, 2026-03-05, 2026-03-11",
        "America/New_York, 02:30, 2026-10-29, 2026-11-04",
        "America/New_York, 01:30, 2026-10-29, 2026-11-04",
        "America/New_York, 08:00, 2026-03-05, 2026-03-11",
        // London: spring forward 2026-03-29 01:00 -> 02:00, fall back 2026-10-25 02:00 -> 01:00
        "Europe/London, 01:30, 2026-03-26, 2026-04-01",
        "Europe/London, 01:30, 2026-10-22, 2026-10-28",
        "Europe/London, 02:30, 2026-03-26, 2026-04-01",
        "Europe/London, 02:30, 2026-10-22, 2026-10-28",
        "Asia/Shanghai, 08:00, 2026-03-05, 2026-03-11",
        // Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00
        "Europe/Berlin, 02:30, 2026-03-26, 2026-04-01",
        "Europe/Berlin, 02:30, 2026-10-22, 2026-10-28",
        // Sydney: 2026-10-04 02:00 -> 03:00, 2026-04-05 03:00 -> 02:00
        "Australia/Sydney, 02:30, 2026-10-01, 2026-10-07",
        "Australia/Sydney, 02:30, 2026-04-02, 2026-04-08",
        // Lord Howe shifts by 30 minutes: 2026-10-04 02:00 -> 02:30, 2026-04-05 02:00 -> 01:30
        "Australia/Lord_Howe, 02:15, 2026-10-01, 2026-10-07",
        "Australia/Lord_Howe, 01:45, 2026-04-02, 2026-04-08",
    })
    void everyLocalDayFiresExactlyOnceAtTheDueInstant(String zone, String time, String from, String to) {
        Slot slot = new Slot(LocalTime.parse(time), ZoneId.of(zone));
        LocalDate first = LocalDate.parse(from);
        LocalDate last = LocalDate.parse(to);

        List<ZonedDateTime> fires = fires(slot, first, last);

        List<LocalDate> days =
                fires.stream().map(ZonedDateTime::toLocalDate).distinct().toList();
        assertThat(days)
                .containsExactlyElementsOf(first.datesUntil(last.plusDays(1)).toList());
        for (LocalDate day : days) {
            List<Instant> onDay = fires.stream()
                    .filter(f -> f.toLocalDate().equals(day))
                    .map(ZonedDateTime::toInstant)
                    .toList();
            boolean twice = slot.zone()
                            .getRules()
                            .getValidOffsets(day.atTime(slot.time()))
                            .size()
                    == 2;
            assertThat(onDay).as("fires on %s", day).hasSize(twice ? 2 : 1);
            assertThat(onDay.get(0)).as("first fire on %s", day).isEqualTo(slot.dueOn(day));
            ZonedDateTime due = onDay.get(0).atZone(slot.zone());
            boolean gapDay = slot.zone()
                    .getRules()
                    .getValidOffsets(day.atTime(slot.time()))
                    .isEmpty();
            if (gapDay) {
                assertThat(due.toLocalTime()).isAfter(slot.time());
            } else {
                assertThat(due.toLocalTime()).isEqualTo(slot.time());
            }
            if (twice) {
                assertThat(onDay.get(1).atZone(slot.zone()).toLocalTime()).isEqualTo(slot.time());
                assertThat(onDay.get(1)).isAfter(onDay.get(0));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "America/New_York, 02:30, 2026-03-07T12:00:00Z, 2026-03-08T07:30:00Z",
        "America/New_York, 02:30, 2026-03-08T07:29:00Z, 2026-03-08T07:30:00Z",
        "Australia/Lord_Howe, 02:15, 2026-10-03T15:44:00Z, 2026-10-03T15:45:00Z",
        "Europe/London, 01:30, 2026-03-28T12:00:00Z, 2026-03-29T01:30:00Z",
    })
    void aTriggerCreatedJustBeforeASpringForwardTimeFiresThatDayAndKeepsTheTimeAfterwards(
            String zone, String time, String now, String expected) {
        Slot slot = new Slot(LocalTime.parse(time), ZoneId.of(zone));
        OperableTrigger trigger = (OperableTrigger) SlotTriggers.trigger(slot, Instant.parse(now));

        Date first = trigger.computeFirstFireTime(null);

        assertThat(first.toInstant()).isEqualTo(Instant.parse(expected));
        Date second = trigger.getFireTimeAfter(first);
        assertThat(second.toInstant().atZone(slot.zone()).toLocalTime()).isEqualTo(slot.time());
        assertThat(second.toInstant().atZone(slot.zone()).toLocalDate())
                .isEqualTo(first.toInstant().atZone(slot.zone()).toLocalDate().plusDays(1));
    }

    @Test
    void aTriggerCreatedBetweenTheTwoOccurrencesFiresAtTheSecond() {
        Slot slot = new Slot(LocalTime.of(1, 30), ZoneId.of("America/New_York"));
        // 2026-11-01: 01:30 EDT = 05:30Z, then 01:30 EST = 06:30Z
        OperableTrigger trigger = (OperableTrigger) SlotTriggers.trigger(slot, Instant.parse("2026-11-01T05:45:00Z"));

        assertThat(trigger.computeFirstFireTime(null).toInstant()).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    }
}
