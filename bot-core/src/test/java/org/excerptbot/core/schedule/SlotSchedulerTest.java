package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscribeArguments;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CalendarIntervalScheduleBuilder;
import org.quartz.TriggerBuilder;

/**
 * The slot scheduler as the subscription service's listener from the moment it is built: a slot gained while it
 * starts gets its trigger whatever the interleaving. The interleavings are forced with a hook in the store's read of
 * the active slots.
 */
class SlotSchedulerTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    private static final Slot NINE = new Slot(LocalTime.of(9, 0), SHANGHAI);
    private static final Slot TEN = new Slot(LocalTime.of(10, 0), SHANGHAI);
    private static final Slot ELEVEN = new Slot(LocalTime.of(11, 0), SHANGHAI);

    private final Clock clock = Clock.systemUTC();
    private final List<SlotScheduler> schedulers = new ArrayList<>();
    private TestDb db;
    private JdbcSubscriptionStore store;

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        store = new JdbcSubscriptionStore(db.dataSource());
    }

    @AfterEach
    void tearDown() {
        schedulers.forEach(SlotScheduler::stop);
        db.close();
    }

    private SlotScheduler scheduler(SubscriptionStore subscriptions) {
        SlotScheduler s = new SlotScheduler(
                db.dataSource(),
                db.kind(),
                subscriptions,
                (slot, at) -> 0,
                clock,
                "node-" + schedulers.size(),
                SlotScheduler.DEFAULT_CHECKIN,
                new LagRecorder(new CopyOnWriteArrayList<>()));
        schedulers.add(s);
        return s;
    }

    private void save(String chatId, Slot slot) {
        store.save(new ChatRef(Platform.TELEGRAM, chatId, ChatType.PRIVATE), slot, Mode.DAILY, "en", clock.instant());
    }

    /** The store, with {@code hook} run once, just after the first read of the active slots has been taken. */
    private SubscriptionStore afterFirstRead(Runnable hook) {
        AtomicBoolean first = new AtomicBoolean(true);
        return (SubscriptionStore) Proxy.newProxyInstance(
                SubscriptionStore.class.getClassLoader(),
                new Class<?>[] {SubscriptionStore.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(store, args);
                        if (method.getName().equals("activeSlots") && first.getAndSet(false)) hook.run();
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aSubscriptionMadeWhileTheSchedulerReadsTheActiveSlotsGetsItsTrigger() {
        save("1", EIGHT);
        List<SubscriptionService> service = new ArrayList<>();
        SlotScheduler scheduler = scheduler(afterFirstRead(() -> service.get(0)
                .subscribe(
                        new ChatRef(Platform.TELEGRAM, "2", ChatType.PRIVATE),
                        new SubscribeArguments(Optional.of(NINE.time()), Optional.of(SHANGHAI), Optional.empty()),
                        "en")));
        // the service is built with the scheduler, before it starts, as the application does
        service.add(new SubscriptionService(store, SHANGHAI, clock, scheduler));

        scheduler.start();

        assertThat(scheduler.nextFire(EIGHT)).isPresent();
        assertThat(scheduler.nextFire(NINE))
                .as("the slot gained during the read")
                .isPresent();
    }

    @Test
    void aSlotGainedBeforeTheStartIsScheduledByIt() {
        SlotScheduler scheduler = scheduler(store);
        scheduler.slotInUse(NINE);
        assertThat(scheduler.nextFire(NINE)).isEmpty();

        scheduler.start();

        Instant next = scheduler.nextFire(NINE).orElseThrow();
        assertThat(next.atZone(SHANGHAI).toLocalTime()).isEqualTo(NINE.time());
        assertThat(next).isAfter(clock.instant());
    }

    @Test
    void startRemovesTheTriggersOfUnusedSlotsButNotOneThatGainedASubscriberMeanwhile() {
        SlotScheduler earlier = scheduler(store);
        earlier.start();
        earlier.slotInUse(TEN);
        earlier.slotInUse(ELEVEN);
        earlier.stop();
        save("1", EIGHT);

        // another instance subscribes a chat to ten o'clock just after this one has read the slots: its trigger exists
        SlotScheduler scheduler = scheduler(afterFirstRead(() -> save("2", TEN)));
        scheduler.start();

        assertThat(scheduler.nextFire(EIGHT)).isPresent();
        assertThat(scheduler.nextFire(TEN))
                .as("the slot its subscriber just joined")
                .isPresent();
        assertThat(scheduler.nextFire(ELEVEN)).as("nobody's slot").isEmpty();
    }

    @Test
    void aStoppedSchedulerTakesNoMoreSlots() {
        SlotScheduler scheduler = scheduler(store);
        scheduler.start();
        scheduler.stop();

        scheduler.slotInUse(NINE);

        assertThat(scheduler.nextFire(NINE)).isEmpty();
    }

    @Test
    void theTriggerIsStoredAsASlotTriggerAndReadBackAfterARestart() throws Exception {
        Slot lordHowe = new Slot(LocalTime.of(2, 15), ZoneId.of("Australia/Lord_Howe"));
        save("1", lordHowe);
        SlotScheduler earlier = scheduler(store);
        earlier.start();
        Instant next = earlier.nextFire(lordHowe).orElseThrow();
        earlier.stop();

        SlotScheduler later = scheduler(store);
        later.start();

        assertThat(triggerType(lordHowe)).isEqualTo("SLOT");
        assertThat(later.quartz().getTrigger(SlotTriggers.key(lordHowe))).isInstanceOf(SlotTrigger.class);
        assertThat(later.nextFire(lordHowe)).contains(next);
        assertThat(next).isEqualTo(lordHowe.occurrenceAfter(clock.instant()).at());
    }

    @Test
    void aDailyTriggerOfAnEarlierVersionIsReplacedAtStart() throws Exception {
        save("1", EIGHT);
        SlotScheduler earlier = scheduler(store);
        earlier.start();
        earlier.quartz()
                .rescheduleJob(
                        SlotTriggers.key(EIGHT),
                        TriggerBuilder.newTrigger()
                                .withIdentity(SlotTriggers.key(EIGHT))
                                .forJob(SlotTriggers.JOB)
                                .usingJobData(SlotTriggers.TIME, EIGHT.timeText())
                                .usingJobData(SlotTriggers.ZONE, EIGHT.zone().getId())
                                .withSchedule(CalendarIntervalScheduleBuilder.calendarIntervalSchedule()
                                        .withIntervalInDays(1)
                                        .preserveHourOfDayAcrossDaylightSavings(true))
                                .build());
        assertThat(triggerType(EIGHT)).isEqualTo("CAL_INT");
        earlier.stop();

        SlotScheduler later = scheduler(store);
        later.start();

        assertThat(triggerType(EIGHT)).isEqualTo("SLOT");
        assertThat(later.nextFire(EIGHT))
                .contains(EIGHT.occurrenceAfter(clock.instant()).at());
    }

    private String triggerType(Slot slot) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT TRIGGER_TYPE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?")) {
            ps.setString(1, SlotTriggers.key(slot).getName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
