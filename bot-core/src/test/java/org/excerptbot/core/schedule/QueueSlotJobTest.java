package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;

/** The slot job as Quartz runs it: the handler gets the slot and its scheduled instant, the lag is recorded. */
class QueueSlotJobTest {
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
    private static final Instant SCHEDULED = Instant.parse("2026-03-02T00:00:00Z");

    private final List<Duration> lags = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();
    private final BotMetrics metrics = new LagRecorder(lags);

    @Test
    void aFiringRecordsHowLongAfterItsScheduledInstantItRan() {
        SlotScheduler.QueueSlotJob job = new SlotScheduler.QueueSlotJob(
                (slot, at) -> {
                    handled.add(slot + " " + at);
                    return 3;
                },
                metrics);

        job.execute(fired(SCHEDULED.plusMillis(1500), SCHEDULED, false));

        assertThat(handled).containsExactly(EIGHT + " " + SCHEDULED);
        assertThat(lags).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void aRecoveredFiringCountsFromTheDeadInstancesScheduledInstantAndAFailingHandlerStillRecordsTheLag() {
        SlotScheduler.QueueSlotJob job = new SlotScheduler.QueueSlotJob(
                (slot, at) -> {
                    throw new IllegalStateException("database down");
                },
                metrics);

        // another instance died running it; this one runs it again 9 s later, for the same instant
        job.execute(fired(SCHEDULED.plusSeconds(9), SCHEDULED, true));

        assertThat(lags).containsExactly(Duration.ofSeconds(9));
    }

    private static JobExecutionContextImpl fired(Instant fireTime, Instant scheduled, boolean recovering) {
        return fired(
                (OperableTrigger) SlotTriggers.trigger(EIGHT, scheduled.minusSeconds(60)),
                fireTime,
                scheduled,
                recovering);
    }

    /** The context Quartz gives the slot job when {@code trigger} fires at {@code fireTime} for {@code scheduled}. */
    static JobExecutionContextImpl fired(
            OperableTrigger trigger, Instant fireTime, Instant scheduled, boolean recovering) {
        JobDetail detail = JobBuilder.newJob(SlotScheduler.QueueSlotJob.class)
                .withIdentity(SlotTriggers.JOB)
                .build();
        TriggerFiredBundle bundle = new TriggerFiredBundle(
                detail,
                trigger,
                null,
                recovering,
                Date.from(fireTime),
                Date.from(scheduled),
                null,
                Date.from(scheduled.plus(Duration.ofDays(1))));
        return new JobExecutionContextImpl(null, bundle, null);
    }
}
