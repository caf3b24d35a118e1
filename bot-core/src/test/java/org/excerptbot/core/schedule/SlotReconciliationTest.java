package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.PostQueue;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quartz.spi.OperableTrigger;

/**
 * Subscriptions written by another process (an import through the running bot's database, an instance that died
 * before scheduling its slot) get their trigger from the running scheduler's reconciliation, without a restart. The
 * injected clock stands months after the wall clock, so that Quartz itself fires nothing: a firing is played by
 * running the slot job with the stored trigger's next fire time.
 */
class SlotReconciliationTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2027-06-01 08:00 in Shanghai. */
    private static final Instant MORNING = Instant.parse("2027-06-01T00:00:00Z");

    private static final Slot NINE = new Slot(LocalTime.of(9, 0), SHANGHAI);
    private static final Duration GRACE = Duration.ofHours(6);
    /** Zones eight hours ahead of UTC all year: one local time is one instant in each. */
    private static final List<String> UTC_PLUS_8 = List.of(
            "Asia/Shanghai",
            "Asia/Singapore",
            "Asia/Taipei",
            "Asia/Hong_Kong",
            "Asia/Manila",
            "Australia/Perth",
            "Asia/Kuala_Lumpur",
            "Asia/Macau");

    private final MutableClock clock = new MutableClock(MORNING);
    private final List<SlotScheduler> schedulers = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        schedulers.forEach(SlotScheduler::stop);
        for (AutoCloseable c : closing) c.close();
    }

    private TestDb open(Supplier<TestDb> db) {
        TestDb opened = db.get();
        closing.add(0, opened);
        return opened;
    }

    private SlotScheduler scheduler(
            DataSource dataSource, Database.Kind kind, SlotHandler handler, String node, Duration every) {
        SlotScheduler s = new SlotScheduler(
                dataSource,
                kind,
                new JdbcSubscriptionStore(dataSource),
                handler,
                clock,
                node,
                SlotScheduler.DEFAULT_CHECKIN,
                every,
                new LagRecorder(new CopyOnWriteArrayList<>()));
        schedulers.add(s);
        return s;
    }

    /** A started scheduler on H2 whose slots fall due in the post queue. */
    private SlotScheduler startedOver(TestDb db, PostQueue queue) {
        SlotScheduler scheduler =
                scheduler(db.dataSource(), db.kind(), queue::slotDue, "node-0", SlotScheduler.RECONCILE_EVERY);
        scheduler.start();
        return scheduler;
    }

    /** As {@code subscriptions import} writes it: straight into the store, no scheduler told. */
    private static void imported(SubscriptionStore store, String chatId, Slot slot, Instant at) {
        store.restore(
                new ChatRef(Platform.TELEGRAM, chatId, ChatType.PRIVATE),
                Schedule.everyDay(slot, Mode.DAILY),
                "en",
                0,
                SubscriptionStatus.ACTIVE,
                at);
    }

    @Test
    void anImportedSubscriptionGetsItsTriggerAtTheNextReconciliationAndIsQueuedAtItsTime() throws Exception {
        TestDb db = open(TestDb::h2);
        JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
        PostQueue queue = new PostQueue(new JdbcDeliveryStore(db.database()), store, clock, GRACE);
        SlotScheduler scheduler = startedOver(db, queue);

        imported(store, "1", NINE, clock.instant());
        assertThat(scheduler.nextFire(NINE)).as("before the reconciliation").isEmpty();

        assertThat(scheduler.reconcile().added()).containsExactly(NINE);

        Instant nine = Instant.parse("2027-06-01T01:00:00Z");
        assertThat(scheduler.nextFire(NINE)).contains(nine);
        assertThat(queued(db)).as("nothing was due yet").isEmpty();
        assertThat(scheduler.reconcile().added()).as("a second pass").isEmpty();

        OperableTrigger trigger = (OperableTrigger) scheduler.quartz().getTrigger(SlotTriggers.key(NINE));
        clock.set(nine);
        new SlotScheduler.QueueSlotJob(queue::slotDue, new LagRecorder(new ArrayList<>()))
                .execute(QueueSlotJobTest.fired(
                        trigger, nine, trigger.getNextFireTime().toInstant(), false));

        assertThat(queued(db)).containsExactly("1 2027-06-01 " + nine);
    }

    @Test
    void aPostWhoseTimePassedBetweenTheImportAndTheReconciliationIsQueuedThatDay() throws Exception {
        TestDb db = open(TestDb::h2);
        JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
        PostQueue queue = new PostQueue(new JdbcDeliveryStore(db.database()), store, clock, GRACE);
        SlotScheduler scheduler = startedOver(db, queue);
        Instant nine = Instant.parse("2027-06-01T01:00:00Z");

        imported(store, "1", NINE, nine.minusSeconds(30));
        // imported after nine o'clock: that day's post is not its own
        imported(store, "2", NINE, nine.plusSeconds(20));
        clock.set(nine.plusSeconds(40));
        assertThat(scheduler.reconcile().added()).containsExactly(NINE);

        assertThat(queued(db)).containsExactly("1 2027-06-01 " + nine);
        assertThat(scheduler.nextFire(NINE)).contains(nine.plus(Duration.ofDays(1)));
    }

    @Test
    void theTriggerOfASlotNobodyUsesAnyMoreIsRemovedAndAddedAgainWhenSomeoneDoes() throws Exception {
        TestDb db = open(TestDb::h2);
        JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
        SlotScheduler scheduler =
                scheduler(db.dataSource(), db.kind(), (s, at) -> 0, "node-0", SlotScheduler.RECONCILE_EVERY);
        scheduler.start();
        ChatRef chat = new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE);
        store.save(chat, NINE, Mode.DAILY, "en", clock.instant());
        scheduler.ensure(NINE);

        store.unsubscribe(chat, clock.instant());
        scheduler.reconcile();
        assertThat(scheduler.nextFire(NINE)).isEmpty();

        imported(store, "2", NINE, clock.instant());
        assertThat(scheduler.reconcile().added()).containsExactly(NINE);
        assertThat(scheduler.nextFire(NINE)).isPresent();
    }

    @Test
    void theRunningSchedulerReconcilesByItself() {
        TestDb db = open(TestDb::h2);
        JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
        SlotScheduler scheduler = scheduler(db.dataSource(), db.kind(), (s, at) -> 0, "node-0", Duration.ofMillis(50));
        scheduler.start();

        imported(store, "1", NINE, clock.instant());

        await().atMost(30, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> scheduler.nextFire(NINE).isPresent());
    }

    /**
     * Two instances on one schema reconcile the same new slots at once, several times: each slot gets one
     * trigger, added (and caught up) by one of them, and neither fails on the other's insert.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void twoInstancesReconcilingTheSameSchemaAddEachTriggerOnce(Supplier<TestDb> which) throws Exception {
        TestDb db = open(which);
        Database second = db.openAnother();
        closing.add(0, second);
        JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
        List<Slot> caughtUp = new CopyOnWriteArrayList<>();
        SlotHandler handler = (slot, at) -> {
            caughtUp.add(slot);
            return 0;
        };
        Duration every = SlotScheduler.RECONCILE_EVERY;
        SlotScheduler a = scheduler(db.dataSource(), db.kind(), handler, "node-a", every);
        SlotScheduler b = scheduler(second.dataSource(), second.kind(), handler, "node-b", every);
        a.start();
        b.start();

        Set<Slot> all = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            List<Slot> slots = new ArrayList<>();
            for (String zone : UTC_PLUS_8) slots.add(new Slot(LocalTime.of(10 + round, 0), ZoneId.of(zone)));
            Instant due = Instant.parse("2027-06-01T02:00:00Z").plus(Duration.ofHours(round));
            for (Slot slot : slots) imported(store, round + "-" + slot.zone().getId(), slot, due.minusSeconds(30));
            // their time passed just after the import
            clock.set(due.plusSeconds(40));
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<SlotScheduler.Reconciled> byA = CompletableFuture.supplyAsync(() -> {
                arrive(together);
                return a.reconcile();
            });
            CompletableFuture<SlotScheduler.Reconciled> byB = CompletableFuture.supplyAsync(() -> {
                arrive(together);
                return b.reconcile();
            });
            Set<Slot> addedByA = byA.get(60, TimeUnit.SECONDS).added();
            Set<Slot> addedByB = byB.get(60, TimeUnit.SECONDS).added();

            Set<Slot> byBoth = new HashSet<>(addedByA);
            byBoth.retainAll(addedByB);
            assertThat(byBoth).as("slots both instances added").isEmpty();
            Set<Slot> added = new HashSet<>(addedByA);
            added.addAll(addedByB);
            assertThat(added).containsExactlyInAnyOrderElementsOf(slots);
            all.addAll(slots);
        }

        assertThat(triggerNames(db))
                .containsExactlyInAnyOrderElementsOf(
                        all.stream().map(s -> SlotTriggers.key(s).getName()).toList());
        assertThat(caughtUp).as("each slot caught up by the one that added it").hasSameSizeAs(all);
        assertThat(new HashSet<>(caughtUp)).isEqualTo(all);
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The queued posts as {@code chat date due}. */
    private static List<String> queued(TestDb db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.chat_id, d.local_date, d.due_at FROM delivery d"
                        + " JOIN subscription s ON s.id = d.subscription_id ORDER BY s.chat_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getObject(2, LocalDate.class) + " "
                        + Instant.ofEpochMilli(rs.getLong(3)));
            }
        }
        return out;
    }

    private static List<String> triggerNames(TestDb db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'slots'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
