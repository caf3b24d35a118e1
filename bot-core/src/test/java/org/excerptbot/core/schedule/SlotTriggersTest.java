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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.Trigger;

/**
 * The real Quartz trigger of a slot, asked for its fire times across daylight-saving changes (no scheduler and no
 * waiting needed): every local day fires exactly once, at the slot's time or, inside a spring-forward gap, just
 * after it, and always at the instant {@link Slot#dueOn} computes (which the catch-up relies on).
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
    })
    void everyLocalDayFiresExactlyOnceAtTheDueInstant(String zone, String time, String from, String to) {
        Slot slot = new Slot(LocalTime.parse(time), ZoneId.of(zone));
        LocalDate first = LocalDate.parse(from);
        LocalDate last = LocalDate.parse(to);

        List<ZonedDateTime> fires = fires(slot, first, last);

        List<LocalDate> days = fires.stream().map(ZonedDateTime::toLocalDate).toList();
        assertThat(days)
                .containsExactlyElementsOf(first.datesUntil(last.plusDays(1)).toList());
        for (ZonedDateTime fire : fires) {
            assertThat(fire.toInstant()).as("fire on %s", fire).isEqualTo(slot.dueOn(fire.toLocalDate()));
            boolean gapDay = !ZonedDateTime.of(fire.toLocalDate(), slot.time(), slot.zone())
                    .toLocalTime()
                    .equals(slot.time());
            if (gapDay) {
                assertThat(fire.toLocalTime()).isAfter(slot.time());
            } else {
                assertThat(fire.toLocalTime()).isEqualTo(slot.time());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"America/New_York, 02:30, 2026-03-08T03:00:00Z", "Europe/London, 01:30, 2026-03-28T12:00:00Z"})
    void aTriggerCreatedJustBeforeASpringForwardDayStillKeepsItsHourAfterwards(String zone, String time, String now) {
        Slot slot = new Slot(LocalTime.parse(time), ZoneId.of(zone));
        Instant created = Instant.parse(now);

        Trigger trigger = SlotTriggers.trigger(slot, created);
        ZonedDateTime start = trigger.getStartTime().toInstant().atZone(slot.zone());

        assertThat(start.toLocalTime()).isEqualTo(slot.time());
        Date second = trigger.getFireTimeAfter(trigger.getStartTime());
        assertThat(second.toInstant().atZone(slot.zone()).toLocalTime()).isEqualTo(slot.time());
    }
}
