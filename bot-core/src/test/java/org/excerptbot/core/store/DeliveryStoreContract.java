package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Backlog;
import org.excerptbot.core.delivery.Claim;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.delivery.FairClaimOrder;
import org.excerptbot.core.delivery.SentMark;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link DeliveryStore}, run against every database we support. */
abstract class DeliveryStoreContract {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    static final Slot NINE = new Slot(LocalTime.of(9, 0), SHANGHAI);
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final Instant DUE = EIGHT.dueOn(DAY);
    static final Instant BEFORE = DUE.minusSeconds(3600);

    private TestDb db;
    private SubscriptionStore subscriptions;
    private DeliveryStore deliveries;

    protected abstract TestDb openDb();

    @BeforeEach
    void open() {
        db = openDb();
        subscriptions = new JdbcSubscriptionStore(db.dataSource());
        deliveries = new JdbcDeliveryStore(db.database());
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    private Subscription subscribe(String chatId, Slot slot, Mode mode) {
        return subscriptions.save(new ChatRef(Platform.TELEGRAM, chatId, ChatType.PRIVATE), slot, mode, "zh", BEFORE);
    }

    @Test
    void enqueueAddsOneRowPerActiveSubscriptionOfTheSlotAndIsIdempotent() {
        Subscription a = subscribe("1", EIGHT, Mode.DAILY);
        subscribe("2", EIGHT, Mode.SEQUENTIAL);
        subscribe("3", NINE, Mode.DAILY);
        Subscription stopped = subscribe("4", EIGHT, Mode.DAILY);
        subscriptions.unsubscribe(stopped.chat(), BEFORE);

        assertThat(deliveries.enqueue(EIGHT, DAY, DUE)).isEqualTo(2);
        assertThat(deliveries.enqueue(EIGHT, DAY, DUE)).isZero();

        assertThat(deliveries.countByStatus().get(DeliveryStatus.PENDING)).isEqualTo(2);
        List<Delivery> rows = deliveries.forSubscription(a.id());
        assertThat(rows).singleElement().satisfies(d -> {
            assertThat(d.localDate()).isEqualTo(DAY);
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.attempts()).isZero();
        });
        assertThat(deliveries.enqueue(EIGHT, DAY.plusDays(1), EIGHT.dueOn(DAY.plusDays(1))))
                .isEqualTo(2);
    }

    @Test
    void enqueueTakesOnlyTheSchedulesThatPostOnTheDatesDayOfTheWeek() {
        ChatRef group = new ChatRef(Platform.TELEGRAM, "-5", ChatType.GROUP);
        Subscription weekdays =
                subscriptions.save(group, new Schedule(EIGHT, Mode.DAILY, Days.WEEKDAYS, Format.CARD), "zh", BEFORE);
        Subscription weekends = subscriptions.save(
                group.withId("-6"), new Schedule(EIGHT, Mode.DAILY, Days.WEEKENDS, Format.TEXT), "zh", BEFORE);
        Subscription evening = subscriptions.save(
                group, new Schedule(NINE, Mode.SEQUENTIAL, Days.EVERY_DAY, Format.TEXT), "zh", BEFORE);
        LocalDate saturday = DAY.plusDays(5);

        // DAY is a Monday
        assertThat(deliveries.enqueue(EIGHT, DAY, DUE)).isEqualTo(1);
        assertThat(deliveries.enqueue(EIGHT, saturday, EIGHT.dueOn(saturday))).isEqualTo(1);
        assertThat(deliveries.enqueue(NINE, DAY, NINE.dueOn(DAY))).isEqualTo(1);

        assertThat(deliveries.forSubscription(weekdays.id()))
                .extracting(Delivery::localDate)
                .containsExactly(DAY);
        assertThat(deliveries.forSubscription(weekends.id()))
                .extracting(Delivery::localDate)
                .containsExactly(saturday);
        assertThat(deliveries.forSubscription(evening.id()))
                .extracting(Delivery::localDate)
                .containsExactly(DAY);
        assertThat(deliveries.latest(weekdays.id())).get().satisfies(d -> {
            assertThat(d.dueAt()).isEqualTo(DUE);
            assertThat(d.finishedAt()).isEmpty();
        });
        assertThat(deliveries.latest(999_999)).isEmpty();
    }

    @Test
    void theLatestPostKeepsWhatItWaitedForOnceSent() {
        Subscription a = subscribe("1", EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY.minusDays(1), EIGHT.dueOn(DAY.minusDays(1)));
        deliveries.enqueue(EIGHT, DAY, DUE);
        for (Claim c : deliveries.claim(Platform.TELEGRAM, "me", 10, DUE)) {
            deliveries.startSending(c.deliveryId(), "me", DUE);
            if (c.localDate().equals(DAY)) {
                deliveries.retryLater(c.deliveryId(), DUE.plusSeconds(35), false, "429: retry after 35 s");
            } else {
                deliveries.markSent(c.deliveryId(), "m-0", OptionalLong.empty(), DUE);
            }
        }
        Claim again = deliveries
                .claim(Platform.TELEGRAM, "me", 10, DUE.plusSeconds(35))
                .get(0);
        deliveries.startSending(again.deliveryId(), "me", DUE.plusSeconds(35));
        deliveries.markSent(again.deliveryId(), "m-1", OptionalLong.empty(), DUE.plusSeconds(36));

        assertThat(deliveries.latest(a.id())).get().satisfies(d -> {
            assertThat(d.localDate()).isEqualTo(DAY);
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.detail()).isEqualTo("429: retry after 35 s");
            assertThat(d.finishedAt()).contains(DUE.plusSeconds(36));
        });
    }

    @Test
    void queuingASlotAgainListsOnlyTheSubscriptionsWithoutAPost() {
        AtomicInteger inserts = new AtomicInteger();
        DeliveryStore counted = new JdbcDeliveryStore(countingInserts(db.dataSource(), inserts), db.kind(), 4);
        for (int i = 0; i < 10; i++) subscribe("q" + i, EIGHT, Mode.DAILY);
        assertThat(counted.enqueue(EIGHT, DAY, DUE)).isEqualTo(10);
        assertThat(inserts).as("batches of 4").hasValue(3);

        // as the catch-up does every few minutes for hours: nothing to list, nothing to insert
        assertThat(counted.enqueue(EIGHT, DAY, DUE)).isZero();
        assertThat(inserts).hasValue(3);
        subscribe("new", EIGHT, Mode.DAILY);
        assertThat(counted.enqueue(EIGHT, DAY, DUE)).isEqualTo(1);
        assertThat(inserts).as("one batch, of the one missing").hasValue(4);
    }

    /** {@code dataSource}, counting the delivery INSERTs prepared on its connections. */
    private static DataSource countingInserts(DataSource dataSource, AtomicInteger inserts) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (ds, dsMethod, dsArgs) -> {
                    Object result = invoke(dataSource, dsMethod, dsArgs);
                    if (!(result instanceof Connection c)) return result;
                    return Proxy.newProxyInstance(
                            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                                if (m.getName().equals("prepareStatement")
                                        && args[0].toString().startsWith("INSERT INTO delivery ")) {
                                    inserts.incrementAndGet();
                                }
                                return invoke(c, m, args);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aLargeSlotIsQueuedInBatchesEachClaimableOnceReported() {
        DeliveryStore batched = new JdbcDeliveryStore(db.dataSource(), db.kind(), 4);
        for (int i = 0; i < 10; i++) subscribe("b" + i, EIGHT, Mode.DAILY);
        subscribe("nine", NINE, Mode.DAILY);
        List<Integer> batches = new ArrayList<>();
        List<Integer> claimable = new ArrayList<>();

        int queued = batched.enqueue(EIGHT, DAY, DUE, added -> {
            batches.add(added);
            claimable.add(deliveries.countByStatus().get(DeliveryStatus.PENDING));
        });

        assertThat(queued).isEqualTo(10);
        assertThat(batches).containsExactly(4, 4, 2);
        assertThat(claimable).as("committed when reported").containsExactly(4, 8, 10);
        assertThat(batched.enqueue(EIGHT, DAY, DUE, added -> batches.add(-added)))
                .isZero();
        assertThat(batches).as("a batch that adds nothing is not reported").hasSize(3);
    }

    @Test
    void aSubscriptionChangedAfterTheDueInstantIsNotQueuedForThatDay() {
        subscriptions.save(
                new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE), EIGHT, Mode.DAILY, "zh", DUE.plusSeconds(1));

        assertThat(deliveries.enqueue(EIGHT, DAY, DUE)).isZero();
        assertThat(deliveries.enqueue(EIGHT, DAY.plusDays(1), EIGHT.dueOn(DAY.plusDays(1))))
                .isEqualTo(1);
    }

    @Test
    void concurrentEnqueuesFromTwoInstancesQueueEachPostOnce() throws Exception {
        for (int i = 0; i < 200; i++) subscribe("c" + i, EIGHT, Mode.DAILY);
        try (Database other = db.openAnother()) {
            // small batches, so that the instances' transactions interleave
            DeliveryStore first = new JdbcDeliveryStore(db.dataSource(), db.kind(), 7);
            DeliveryStore second = new JdbcDeliveryStore(other.dataSource(), other.kind(), 7);
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                DeliveryStore store = i % 2 == 0 ? first : second;
                jobs.add(() -> store.enqueue(EIGHT, DAY, DUE));
            }
            int total = 0;
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                for (Future<Integer> f : pool.invokeAll(jobs)) total += f.get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(total).isEqualTo(200);
            assertThat(deliveries.countByStatus().get(DeliveryStatus.PENDING)).isEqualTo(200);
        }
    }

    @Test
    void claimTakesDueRowsOfOnePlatformAndMarksThemClaimed() {
        Subscription a = subscribe("1", EIGHT, Mode.SEQUENTIAL);
        subscriptions.save(new ChatRef(Platform.DISCORD, "9", ChatType.GROUP), EIGHT, Mode.DAILY, "en", BEFORE);
        deliveries.enqueue(EIGHT, DAY, DUE);

        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 10, DUE.minusMillis(1)))
                .isEmpty();
        List<Claim> claims = deliveries.claim(Platform.TELEGRAM, "me", 10, DUE);

        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.subscription()).isEqualTo(a);
            assertThat(c.localDate()).isEqualTo(DAY);
            assertThat(c.dueAt()).isEqualTo(DUE);
            assertThat(c.attempts()).isZero();
        });
        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 10, DUE)).isEmpty();
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.CLAIMED, 1)
                .containsEntry(DeliveryStatus.PENDING, 1);
        assertThat(deliveries.nextPending(Platform.DISCORD)).contains(DUE);
        assertThat(deliveries.nextPending(Platform.TELEGRAM)).isEmpty();
    }

    @Test
    void unclaimPutsBackOnlyTheOwnersRowsNotYetStarted() {
        for (int i = 0; i < 3; i++) subscribe("u" + i, EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        List<Long> ids = deliveries.claim(Platform.TELEGRAM, "me", 3, DUE).stream()
                .map(Claim::deliveryId)
                .toList();
        assertThat(deliveries.startSending(ids.get(0), "me", DUE)).isTrue();

        assertThat(deliveries.unclaim(ids, "someone else")).isZero();
        assertThat(deliveries.unclaim(ids, "me")).isEqualTo(2);

        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENDING, 1)
                .containsEntry(DeliveryStatus.PENDING, 2)
                .containsEntry(DeliveryStatus.CLAIMED, 0);
        assertThat(deliveries.claim(Platform.TELEGRAM, "other", 3, DUE))
                .extracting(Claim::deliveryId)
                .containsExactlyInAnyOrderElementsOf(ids.subList(1, 3));
    }

    @Test
    void theOtherActiveClaimersAreTheOwnersOfRecentClaimsOfThePlatform() {
        for (int i = 0; i < 4; i++) subscribe("c" + i, EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "me", DUE)).isZero();

        // c claimed a minute before the others
        deliveries.claim(Platform.TELEGRAM, "c", 1, DUE);
        Instant later = DUE.plusSeconds(60);
        deliveries.claim(Platform.TELEGRAM, "me", 1, later);
        Claim b = deliveries.claim(Platform.TELEGRAM, "b", 1, later).get(0);
        deliveries.startSending(b.deliveryId(), "b", later);

        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "me", later.minusSeconds(30)))
                .isEqualTo(1);
        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "me", later.minusSeconds(90)))
                .isEqualTo(2);
        assertThat(deliveries.otherActiveClaimers(Platform.DISCORD, "me", DUE.minusSeconds(90)))
                .isZero();
    }

    @Test
    void anEngineThatTookNothingIsNotSendingAndOneThatStoppedIsForgotten() {
        subscribe("only", EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);

        assertThat(deliveries.claim(Platform.TELEGRAM, "early", 1, BEFORE))
                .as("nothing due yet")
                .isEmpty();
        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "me", BEFORE))
                .isZero();
        deliveries.claim(Platform.TELEGRAM, "c", 1, DUE);
        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "me", BEFORE))
                .isEqualTo(1);
        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "c", BEFORE))
                .isZero();

        deliveries.releaseExpiredClaims(DUE.plusSeconds(1));
        assertThat(deliveries.otherActiveClaimers(Platform.TELEGRAM, "me", BEFORE))
                .isZero();
    }

    @Test
    void claimHonoursTheLimit() {
        for (int i = 0; i < 5; i++) subscribe("l" + i, EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);

        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 3, DUE)).hasSize(3);
        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 3, DUE)).hasSize(2);
    }

    @Test
    void concurrentClaimersFromTwoInstancesNeverShareARow() throws Exception {
        for (int i = 0; i < 300; i++) subscribe("k" + i, EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        try (Database other = db.openAnother()) {
            DeliveryStore second = new JdbcDeliveryStore(other);
            List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                DeliveryStore store = i % 2 == 0 ? deliveries : second;
                String owner = "w" + i;
                jobs.add(() -> {
                    List<Claim> batch;
                    while (!(batch = store.claim(Platform.TELEGRAM, owner, 7, DUE)).isEmpty()) {
                        batch.forEach(c -> claimed.add(c.deliveryId()));
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                for (Future<Void> f : pool.invokeAll(jobs)) f.get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(claimed).hasSize(300).doesNotHaveDuplicates();
        }
    }

    @Test
    void markSentRecordsTheMessageAndAdvancesASequentialCursorOnce() {
        Subscription s = subscribe("1", EIGHT, Mode.SEQUENTIAL);
        deliveries.enqueue(EIGHT, DAY, DUE);
        Claim c = deliveries.claim(Platform.TELEGRAM, "me", 1, DUE).get(0);
        assertThat(deliveries.startSending(c.deliveryId(), "me", DUE)).isTrue();

        deliveries.markSent(c.deliveryId(), "m-42", OptionalLong.of(0), DUE);
        deliveries.markSent(c.deliveryId(), "m-43", OptionalLong.of(0), DUE);

        assertThat(subscriptions.byId(s.id()).orElseThrow().cursor()).isEqualTo(1);
        assertThat(deliveries.forSubscription(s.id())).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.messageId()).isEqualTo("m-42");
            assertThat(d.item()).hasValue(0);
        });
    }

    @Test
    void sentPostsAreRecordedTogetherOnlyWhereTheyAreBeingSent() {
        Subscription sequential = subscribe("1", EIGHT, Mode.SEQUENTIAL);
        Subscription daily = subscribe("2", EIGHT, Mode.DAILY);
        Subscription notStarted = subscribe("3", EIGHT, Mode.SEQUENTIAL);
        deliveries.enqueue(EIGHT, DAY, DUE);
        List<SentMark> marks = new ArrayList<>();
        for (Claim c : deliveries.claim(Platform.TELEGRAM, "me", 10, DUE)) {
            long sub = c.subscription().id();
            if (sub != notStarted.id()) deliveries.startSending(c.deliveryId(), "me", DUE);
            OptionalLong item = c.subscription().mode() == Mode.SEQUENTIAL ? OptionalLong.of(0) : OptionalLong.empty();
            marks.add(new SentMark(c.deliveryId(), "m-" + sub, item, DUE));
        }

        assertThat(deliveries.markSent(marks)).isEqualTo(2);

        assertThat(subscriptions.byId(sequential.id()).orElseThrow().cursor()).isEqualTo(1);
        assertThat(subscriptions.byId(daily.id()).orElseThrow().cursor()).isZero();
        assertThat(subscriptions.byId(notStarted.id()).orElseThrow().cursor()).isZero();
        assertThat(deliveries.forSubscription(daily.id())).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.messageId()).isEqualTo("m-" + daily.id());
        });
        assertThat(deliveries.forSubscription(notStarted.id())).singleElement().satisfies(d -> assertThat(d.status())
                .isEqualTo(DeliveryStatus.CLAIMED));
        assertThat(deliveries.markSent(marks)).as("already recorded").isZero();
        assertThat(subscriptions.byId(sequential.id()).orElseThrow().cursor()).isEqualTo(1);
    }

    @Test
    void theCursorDoesNotMoveForADailyPostOrAFailedOne() {
        Subscription daily = subscribe("1", EIGHT, Mode.DAILY);
        Subscription sequential = subscribe("2", EIGHT, Mode.SEQUENTIAL);
        deliveries.enqueue(EIGHT, DAY, DUE);
        for (Claim c : deliveries.claim(Platform.TELEGRAM, "me", 10, DUE)) {
            deliveries.startSending(c.deliveryId(), "me", DUE);
            if (c.subscription().id() == daily.id()) {
                deliveries.markSent(c.deliveryId(), "m-1", OptionalLong.empty(), DUE);
            } else {
                deliveries.finish(c.deliveryId(), DeliveryStatus.FAILED, "Bad Request: chat not found", DUE);
            }
        }

        assertThat(subscriptions.byId(daily.id()).orElseThrow().cursor()).isZero();
        assertThat(subscriptions.byId(sequential.id()).orElseThrow().cursor()).isZero();
        assertThat(deliveries.forSubscription(sequential.id())).singleElement().satisfies(d -> assertThat(d.detail())
                .isEqualTo("Bad Request: chat not found"));
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENT, 1)
                .containsEntry(DeliveryStatus.FAILED, 1);
    }

    @Test
    void retryLaterPutsTheRowBackNotBeforeTheGivenInstant() {
        Subscription s = subscribe("1", EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        Claim c = deliveries.claim(Platform.TELEGRAM, "me", 1, DUE).get(0);
        deliveries.startSending(c.deliveryId(), "me", DUE);

        deliveries.retryLater(c.deliveryId(), DUE.plusSeconds(35), false, "429 retry after 35");
        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 1, DUE.plusSeconds(34)))
                .isEmpty();
        Claim again = deliveries
                .claim(Platform.TELEGRAM, "me", 1, DUE.plusSeconds(35))
                .get(0);
        assertThat(again.deliveryId()).isEqualTo(c.deliveryId());
        assertThat(again.attempts()).isZero();
        deliveries.startSending(again.deliveryId(), "me", DUE.plusSeconds(35));

        deliveries.retryLater(again.deliveryId(), DUE.plusSeconds(60), true, "502 Bad Gateway");
        assertThat(deliveries.forSubscription(s.id())).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.detail()).isEqualTo("502 Bad Gateway");
        });
    }

    @Test
    void rowsLeftSendingAreAbandonedNotSentAgain() {
        subscribe("1", EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        Claim c = deliveries.claim(Platform.TELEGRAM, "dead-instance", 1, DUE).get(0);
        deliveries.startSending(c.deliveryId(), "dead-instance", DUE);

        assertThat(deliveries.releaseExpiredClaims(DUE.plusSeconds(1))).isZero();
        assertThat(deliveries.abandonStale(DUE, DUE.plusSeconds(600))).isZero();
        assertThat(deliveries.abandonStale(DUE.plusSeconds(1), DUE.plusSeconds(600)))
                .isEqualTo(1);

        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 10, DUE.plusSeconds(600)))
                .isEmpty();
        assertThat(deliveries.countByStatus()).containsEntry(DeliveryStatus.ABANDONED, 1);
    }

    @Test
    void theQueueDepthCountsPendingAndClaimedPostsOnly() {
        for (int i = 0; i < 4; i++) subscribe("q" + i, EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        assertThat(deliveries.queueDepth()).isEqualTo(4);
        List<Claim> claimed = deliveries.claim(Platform.TELEGRAM, "me", 2, DUE);
        assertThat(deliveries.queueDepth()).isEqualTo(4);

        deliveries.startSending(claimed.get(0).deliveryId(), "me", DUE);

        assertThat(deliveries.queueDepth()).isEqualTo(3);
    }

    @Test
    void severalRowsStartInOneCallAndOnlyTheOwnersClaimedOnes() {
        for (int i = 0; i < 4; i++) subscribe("s" + i, EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        List<Long> mine = deliveries.claim(Platform.TELEGRAM, "me", 3, DUE).stream()
                .map(Claim::deliveryId)
                .toList();
        long theirs =
                deliveries.claim(Platform.TELEGRAM, "other", 1, DUE).get(0).deliveryId();
        assertThat(deliveries.startSending(mine.get(0), "me", DUE)).isTrue();

        List<Long> asked = List.of(mine.get(0), mine.get(1), theirs, mine.get(2));
        assertThat(deliveries.startSending(asked, "me", DUE)).containsExactlyInAnyOrder(mine.get(1), mine.get(2));

        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENDING, 3)
                .containsEntry(DeliveryStatus.CLAIMED, 1);
        assertThat(deliveries.startSending(List.of(), "me", DUE)).isEmpty();
    }

    @Test
    void onlyTheOwnerStartsSendingAClaimAndAnExpiredClaimGoesBackToTheQueue() {
        Subscription s = subscribe("1", EIGHT, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        Claim c = deliveries.claim(Platform.TELEGRAM, "dead-instance", 1, DUE).get(0);

        assertThat(deliveries.startSending(c.deliveryId(), "someone-else", DUE)).isFalse();
        assertThat(deliveries.releaseExpiredClaims(DUE)).isZero();
        assertThat(deliveries.releaseExpiredClaims(DUE.plusMillis(1))).isEqualTo(1);
        assertThat(deliveries.forSubscription(s.id())).singleElement().satisfies(d -> assertThat(d.status())
                .isEqualTo(DeliveryStatus.PENDING));

        // the dead instance, late after all, may no longer start it; the new owner may
        Claim again = deliveries.claim(Platform.TELEGRAM, "me", 1, DUE).get(0);
        assertThat(again.deliveryId()).isEqualTo(c.deliveryId());
        assertThat(deliveries.startSending(c.deliveryId(), "dead-instance", DUE))
                .isFalse();
        assertThat(deliveries.startSending(again.deliveryId(), "me", DUE)).isTrue();
        assertThat(deliveries.releaseExpiredClaims(DUE.plusSeconds(600))).isZero();
        assertThat(deliveries.countByStatus()).containsEntry(DeliveryStatus.SENDING, 1);
    }

    @Test
    void aFairClaimAlternatesBetweenTheBacklogAndThePostsDueSince() {
        Instant nine = NINE.dueOn(DAY);
        for (int i = 0; i < 6; i++) subscribe("e" + i, EIGHT, Mode.DAILY);
        for (int i = 0; i < 2; i++) subscribe("n" + i, NINE, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        deliveries.enqueue(NINE, DAY, nine);
        Instant now = nine.plusSeconds(30);
        FairClaimOrder order = new FairClaimOrder(Duration.ofMinutes(10));

        List<Claim> claims = deliveries.claim(Platform.TELEGRAM, "me", 5, now, order.recentSince(now));

        assertThat(claims).extracting(c -> c.subscription().slot()).containsExactly(EIGHT, NINE, EIGHT, NINE, EIGHT);
        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 5, now, order.recentSince(now)))
                .as("the recent posts are out: the backlog has the whole rate")
                .extracting(c -> c.subscription().slot())
                .containsExactly(EIGHT, EIGHT, EIGHT);
    }

    @Test
    void oldestFirstClaimsTakeTheBacklogBeforeLaterSlots() {
        Instant nine = NINE.dueOn(DAY);
        for (int i = 0; i < 4; i++) subscribe("e" + i, EIGHT, Mode.DAILY);
        subscribe("n", NINE, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        deliveries.enqueue(NINE, DAY, nine);

        assertThat(deliveries.claim(Platform.TELEGRAM, "me", 4, nine.plusSeconds(30)))
                .extracting(c -> c.subscription().slot())
                .containsOnly(EIGHT);
    }

    @Test
    void theBacklogCountsThePostsThatMayGoNowAndTheOldestDueTime() {
        Instant nine = NINE.dueOn(DAY);
        assertThat(deliveries.backlog(Platform.TELEGRAM, nine)).isEqualTo(Backlog.EMPTY);
        for (int i = 0; i < 3; i++) subscribe("e" + i, EIGHT, Mode.DAILY);
        subscribe("n", NINE, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        deliveries.enqueue(NINE, DAY, nine);

        assertThat(deliveries.backlog(Platform.TELEGRAM, DUE.minusSeconds(1))).isEqualTo(Backlog.EMPTY);
        assertThat(deliveries.backlog(Platform.TELEGRAM, DUE.plusSeconds(5)))
                .isEqualTo(new Backlog(3, Optional.of(DUE)));
        Claim sent = deliveries.claim(Platform.TELEGRAM, "me", 1, nine).get(0);
        Backlog atNine = deliveries.backlog(Platform.TELEGRAM, nine);
        assertThat(atNine).isEqualTo(new Backlog(3, Optional.of(DUE)));
        assertThat(atNine.oldestAge(nine)).isEqualTo(Duration.ofHours(1));
        deliveries.startSending(sent.deliveryId(), "me", nine);
        deliveries.retryLater(sent.deliveryId(), nine.plusSeconds(600), false, "429 retry after 600");
        assertThat(deliveries.backlog(Platform.TELEGRAM, nine))
                .as("a post waiting out a retry is not due yet")
                .isEqualTo(new Backlog(3, Optional.of(DUE)));
        assertThat(deliveries.backlog(Platform.DISCORD, nine)).isEqualTo(Backlog.EMPTY);
    }
}
