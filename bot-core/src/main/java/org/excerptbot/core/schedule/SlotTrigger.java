package org.excerptbot.core.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Objects;
import org.excerptbot.core.subscription.Slot;
import org.quartz.Calendar;
import org.quartz.ScheduleBuilder;
import org.quartz.impl.triggers.AbstractTrigger;
import org.quartz.spi.MutableTrigger;

/**
 * A slot's Quartz trigger: fires at every occurrence of the slot's local time, as the zone rules of
 * {@code java.time} resolve it ({@link Slot#occurrenceAfter}). A time in a spring-forward gap fires once, shifted
 * forward by the gap; a time repeated on a fall-back day fires at both occurrences (the post queue keeps one post
 * per local date). Quartz's own daily triggers keep the wall time through {@code java.util.Calendar}, and the first
 * fire of one started inside a gap sets its hour for good; this one computes every fire from the rules.
 *
 * <p>Stored by {@link SlotTriggerPersistence} as the slot's time and zone; a misfire fires once at once, and the
 * post queue maps that firing back to the occurrence it stands for.
 */
public final class SlotTrigger extends AbstractTrigger<SlotTrigger> {
    private static final long serialVersionUID = 1L;

    /** Fire once, now, when the trigger was missed (the default). */
    public static final int MISFIRE_INSTRUCTION_FIRE_ONCE_NOW = 1;
    /** Skip what was missed and wait for the next occurrence. */
    public static final int MISFIRE_INSTRUCTION_DO_NOTHING = 2;

    private final LocalTime time;
    private final ZoneId zone;
    private Date startTime;
    private Date endTime;
    private Date nextFireTime;
    private Date previousFireTime;

    SlotTrigger(Slot slot) {
        Objects.requireNonNull(slot, "slot");
        this.time = slot.time();
        this.zone = slot.zone();
        this.startTime = new Date();
        setMisfireInstruction(MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
    }

    /** The slot this trigger fires for. */
    public Slot slot() {
        return new Slot(time, zone);
    }

    @Override
    public Date getFireTimeAfter(Date afterTime) {
        Instant after = afterTime == null ? Instant.now() : afterTime.toInstant();
        if (startTime != null && after.isBefore(startTime.toInstant()))
            after = startTime.toInstant().minusMillis(1);
        Instant next = slot().occurrenceAfter(after).at();
        if (endTime != null && !next.isBefore(endTime.toInstant())) return null;
        return Date.from(next);
    }

    @Override
    public Date getFinalFireTime() {
        if (endTime == null) return null;
        Instant last =
                slot().occurrenceAtOrBefore(endTime.toInstant().minusMillis(1)).at();
        return startTime != null && last.isBefore(startTime.toInstant()) ? null : Date.from(last);
    }

    @Override
    public boolean mayFireAgain() {
        return getNextFireTime() != null;
    }

    @Override
    public void triggered(Calendar calendar) {
        previousFireTime = nextFireTime;
        nextFireTime = includedFrom(getFireTimeAfter(nextFireTime), calendar);
    }

    @Override
    public Date computeFirstFireTime(Calendar calendar) {
        Date from = startTime == null ? null : new Date(startTime.getTime() - 1);
        nextFireTime = includedFrom(getFireTimeAfter(from), calendar);
        return nextFireTime;
    }

    @Override
    public void updateAfterMisfire(Calendar calendar) {
        int instruction = getMisfireInstruction();
        if (instruction == MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY) return;
        if (instruction == MISFIRE_INSTRUCTION_DO_NOTHING) {
            nextFireTime = includedFrom(getFireTimeAfter(new Date()), calendar);
        } else {
            nextFireTime = new Date();
        }
    }

    @Override
    public void updateWithNewCalendar(Calendar calendar, long misfireThreshold) {
        nextFireTime = includedFrom(getFireTimeAfter(previousFireTime), calendar);
    }

    /** The first fire time from {@code candidate} on that the calendar (if any) allows. */
    private Date includedFrom(Date candidate, Calendar calendar) {
        Date t = candidate;
        // a calendar excluding every occurrence for years is a mistake, not a schedule
        for (int i = 0; t != null && calendar != null && !calendar.isTimeIncluded(t.getTime()); i++) {
            if (i > 5000) return null;
            t = getFireTimeAfter(t);
        }
        return t;
    }

    @Override
    protected boolean validateMisfireInstruction(int instruction) {
        return instruction >= MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY
                && instruction <= MISFIRE_INSTRUCTION_DO_NOTHING;
    }

    @Override
    public ScheduleBuilder<SlotTrigger> getScheduleBuilder() {
        return new Schedule(slot(), getMisfireInstruction());
    }

    @Override
    public Date getStartTime() {
        return startTime;
    }

    @Override
    public void setStartTime(Date startTime) {
        Objects.requireNonNull(startTime, "startTime");
        if (endTime != null && endTime.before(startTime))
            throw new IllegalArgumentException("startTime: must not be after the end time " + endTime);
        this.startTime = startTime;
    }

    @Override
    public Date getEndTime() {
        return endTime;
    }

    @Override
    public void setEndTime(Date endTime) {
        if (endTime != null && startTime != null && endTime.before(startTime))
            throw new IllegalArgumentException("endTime: must not be before the start time " + startTime);
        this.endTime = endTime;
    }

    @Override
    public Date getNextFireTime() {
        return nextFireTime;
    }

    @Override
    public void setNextFireTime(Date nextFireTime) {
        this.nextFireTime = nextFireTime;
    }

    @Override
    public Date getPreviousFireTime() {
        return previousFireTime;
    }

    @Override
    public void setPreviousFireTime(Date previousFireTime) {
        this.previousFireTime = previousFireTime;
    }

    /** Builds a {@link SlotTrigger} for {@code TriggerBuilder.withSchedule}. */
    static final class Schedule extends ScheduleBuilder<SlotTrigger> {
        private final Slot slot;
        private final int misfireInstruction;

        Schedule(Slot slot, int misfireInstruction) {
            this.slot = Objects.requireNonNull(slot, "slot");
            this.misfireInstruction = misfireInstruction;
        }

        static Schedule of(Slot slot) {
            return new Schedule(slot, MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        }

        @Override
        protected MutableTrigger build() {
            SlotTrigger trigger = new SlotTrigger(slot);
            trigger.setMisfireInstruction(misfireInstruction);
            return trigger;
        }
    }
}
