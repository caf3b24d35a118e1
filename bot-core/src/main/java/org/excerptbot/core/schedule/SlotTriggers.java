package org.excerptbot.core.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.excerptbot.core.subscription.Slot;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The Quartz trigger of a slot: a {@link SlotTrigger}, which fires at every occurrence of the slot's local time
 * computed from the zone rules, so that a day whose time falls in a spring-forward gap or happens twice is posted on
 * however the slot was created.
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

    /** The slot's trigger, first firing at the slot's first occurrence after {@code now}. */
    public static Trigger trigger(Slot slot, Instant now) {
        return TriggerBuilder.newTrigger()
                .withIdentity(key(slot))
                .forJob(JOB)
                .usingJobData(TIME, slot.timeText())
                .usingJobData(ZONE, slot.zone().getId())
                .startAt(Date.from(now.plusMillis(1)))
                .withSchedule(SlotTrigger.Schedule.of(slot))
                .build();
    }
}
