package org.excerptbot.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;
import org.excerptbot.core.subscription.Slot;
import org.quartz.CalendarIntervalScheduleBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The Quartz trigger of a slot: a {@code CalendarIntervalTrigger} of one day in the slot's zone that keeps the
 * hour of day across daylight-saving changes and does not skip a day whose hour does not exist. A cron trigger
 * would skip 02:30 on the spring-forward day; this one fires once every local day.
 */
public final class SlotTriggers {
    /** The trigger group of slot triggers. */
    public static final String GROUP = "slots";
    /** The one durable job every slot trigger fires. */
    public static final JobKey JOB = JobKey.jobKey("queue-slot", GROUP);

    static final String TIME = "time";
    static final String ZONE = "zone";

    private SlotTriggers() {}

    /** The trigger's key: {@code 08:00@Asia/Shanghai}. */
    public static TriggerKey key(Slot slot) {
        return TriggerKey.triggerKey(slot.timeText() + "@" + slot.zone().getId(), GROUP);
    }

    /** The slot a trigger's data names. */
    static Slot slotOf(JobDataMap data) {
        return new Slot(LocalTime.parse(data.getString(TIME)), ZoneId.of(data.getString(ZONE)));
    }

    /** The slot's trigger, first firing at its first occurrence after {@code now} on a day that has its time. */
    public static Trigger trigger(Slot slot, Instant now) {
        return TriggerBuilder.newTrigger()
                .withIdentity(key(slot))
                .forJob(JOB)
                .usingJobData(TIME, slot.timeText())
                .usingJobData(ZONE, slot.zone().getId())
                .startAt(Date.from(firstFire(slot, now)))
                .withSchedule(CalendarIntervalScheduleBuilder.calendarIntervalSchedule()
                        .withIntervalInDays(1)
                        .inTimeZone(TimeZone.getTimeZone(slot.zone()))
                        .preserveHourOfDayAcrossDaylightSavings(true)
                        .skipDayIfHourDoesNotExist(false)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /**
     * The first due instant after {@code now} whose local time is exactly the slot's. The trigger keeps its
     * start's hour of day, so it must not start on a spring-forward day where the time was shifted past a gap.
     */
    static Instant firstFire(Slot slot, Instant now) {
        LocalDate date = slot.dateAt(now);
        while (true) {
            ZonedDateTime at = ZonedDateTime.of(date, slot.time(), slot.zone());
            if (at.toLocalTime().equals(slot.time()) && at.toInstant().isAfter(now)) return at.toInstant();
            date = date.plusDays(1);
        }
    }
}
