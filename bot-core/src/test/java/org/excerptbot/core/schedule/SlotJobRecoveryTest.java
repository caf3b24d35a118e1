package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

/**
 * Quartz's cluster recovery for the slot job on PostgreSQL: an instance that dies while running a slot's job (it
 * stops checking in, its firing stays recorded) has the job run again on another instance, for the same scheduled
 * instant, and the lag that instance reports includes the takeover.
 */
class SlotJobRecoveryTest {
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
    private static final Duration CHECKIN = Duration.ofSeconds(1);

    @Test
    void aSlotJobThatDiedWithItsInstanceRunsAgainOnAnotherForTheSameInstant() throws Exception {
        CountDownLatch dying = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<Instant> firstRan = new CopyOnWriteArrayList<>();
        List<Instant> secondRan = new CopyOnWriteArrayList<>();
        List<Duration> secondLags = new CopyOnWriteArrayList<>();
        try (TestDb db = TestDb.postgres();
                Database other = db.openAnother()) {
            SlotScheduler first = new SlotScheduler(
                    db.dataSource(),
                    db.kind(),
                    new JdbcSubscriptionStore(db.dataSource()),
                    (slot, at) -> {
                        firstRan.add(at);
                        dying.countDown();
                        try {
                            never.await(60, TimeUnit.SECONDS); // the instance dies in here
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return 0;
                    },
                    Clock.systemUTC(),
                    "first",
                    CHECKIN,
                    new LagRecorder(new CopyOnWriteArrayList<>()));
            SlotScheduler second = new SlotScheduler(
                    other.dataSource(),
                    other.kind(),
                    new JdbcSubscriptionStore(other.dataSource()),
                    (slot, at) -> {
                        secondRan.add(at);
                        return 3;
                    },
                    Clock.systemUTC(),
                    "second",
                    CHECKIN,
                    new LagRecorder(secondLags));
            try {
                first.start();
                JobDataMap data = new JobDataMap();
                data.put(SlotTriggers.TIME, EIGHT.timeText());
                data.put(SlotTriggers.ZONE, EIGHT.zone().getId());
                first.quartz().triggerJob(SlotTriggers.JOB, data);
                assertThat(dying.await(60, TimeUnit.SECONDS)).isTrue();
                // it dies: no more check-ins, no more jobs, its firing left in QRTZ_FIRED_TRIGGERS
                first.quartz().shutdown(false);
                // the other instance (started only now, so that it cannot take the firing itself) notices
                second.start();

                await().atMost(Duration.ofSeconds(60)).until(() -> !secondRan.isEmpty());
                assertThat(secondRan).containsExactly(firstRan.get(0));
                assertThat(secondLags).singleElement().satisfies(lag -> assertThat(lag)
                        .isGreaterThan(CHECKIN));
            } finally {
                never.countDown();
                first.stop();
                second.stop();
            }
        }
    }
}
