package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscribeArguments;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A schedule changed after its post was queued: the post already pending goes out only if the schedule, as it now
 * stands, still posts it. On H2 with a fake messenger and a hand-moved clock; the post of Monday 2026-03-02 at 08:00
 * in Shanghai is queued an hour before the change.
 */
class ScheduleChangeTest {
    private static final ChatRef CHAT = new ChatRef(Platform.TELEGRAM, "42", ChatType.GROUP);

    private final MutableClock clock = new MutableClock(DeliveryEngineTest.DUE.minus(Duration.ofDays(1)));
    private final FakeMessenger telegram = new FakeMessenger(Platform.TELEGRAM);
    private TestDb db;
    private JdbcSubscriptionStore subscriptions;
    private JdbcDeliveryStore deliveries;
    private SubscriptionService service;
    private DeliveryEngine engine;

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        subscriptions = new JdbcSubscriptionStore(db.dataSource());
        deliveries = new JdbcDeliveryStore(db.database());
        service = new SubscriptionService(subscriptions, DeliveryEngineTest.SHANGHAI, clock, SlotListener.NONE);
        engine = new DeliveryEngine(
                deliveries,
                subscriptions,
                List.of(telegram),
                DeliveryEngineTest.POSTS,
                clock,
                DeliveryEngineTest.config());
    }

    @AfterEach
    void tearDown() {
        engine.stop();
        db.close();
    }

    private Subscription subscribe(String time, Optional<Days> days) {
        SubscriptionService.Outcome outcome = service.subscribe(
                CHAT,
                new SubscribeArguments(
                        Optional.of(LocalTime.parse(time)),
                        Optional.of(DeliveryEngineTest.SHANGHAI),
                        Optional.empty(),
                        Optional.empty(),
                        days),
                "en");
        return ((SubscriptionService.Subscribed) outcome).subscription();
    }

    /** Queues the 08:00 post of the day an hour before it is due, as the slot's trigger would. */
    private void queueEight() {
        clock.set(DeliveryEngineTest.DUE.minus(Duration.ofHours(1)));
        assertThat(deliveries.enqueue(DeliveryEngineTest.EIGHT, DeliveryEngineTest.DAY, DeliveryEngineTest.DUE))
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
    }

    /** Runs the engine at 08:00 until the subscription's post has finished; returns its row. */
    private Delivery sendAtEight(Subscription s) {
        clock.set(DeliveryEngineTest.DUE);
        engine.start();
        return await().atMost(20, TimeUnit.SECONDS)
                .until(
                        () -> deliveries.latest(s.id()),
                        d -> d.isPresent() && d.get().status().finished())
                .orElseThrow();
    }

    @Test
    void aPostQueuedForADayTheScheduleNoLongerIncludesIsNotSent() {
        Subscription s = subscribe("08:00", Optional.empty());
        queueEight();

        // Monday's post is pending; the schedule now posts on weekends only
        subscribe("08:00", Optional.of(Days.WEEKENDS));
        Delivery row = sendAtEight(s);

        assertThat(telegram.attempts()).isEmpty();
        assertThat(row.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(row.detail()).isEqualTo(Delivery.NOT_ON_ITS_DAYS + " MONDAY");
    }

    @Test
    void aPostQueuedForADayTheChangedScheduleStillIncludesIsSent() {
        Subscription s = subscribe("08:00", Optional.of(Days.EVERY_DAY));
        queueEight();

        subscribe("08:00", Optional.of(Days.WEEKDAYS));
        Delivery row = sendAtEight(s);

        assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(telegram.deliveredChatIds()).containsExactly(CHAT.id());
    }

    @Test
    void aPostQueuedForATimeTheChatMovedAwayFromOrRemovedIsNotSent() {
        // a schedule's time is its key: moving it is adding the new time and removing the old one
        Subscription eight = subscribe("08:00", Optional.empty());
        queueEight();

        subscribe("09:00", Optional.empty());
        assertThat(service.unsubscribe(CHAT, LocalTime.of(8, 0))).isTrue();
        Delivery row = sendAtEight(eight);

        assertThat(telegram.attempts()).isEmpty();
        assertThat(row.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(row.detail()).isEqualTo("the subscription is UNSUBSCRIBED");
    }

    @Test
    void theChangedScheduleIsQueuedAgainOnItsNextDay() {
        Subscription s = subscribe("08:00", Optional.empty());
        queueEight();
        subscribe("08:00", Optional.of(Days.WEEKENDS));
        sendAtEight(s);

        // Saturday 2026-03-07 is one of its days again
        Instant saturday = DeliveryEngineTest.EIGHT.dueOn(DeliveryEngineTest.DAY.plusDays(5));
        clock.set(saturday);
        assertThat(engine.slotDue(DeliveryEngineTest.EIGHT, saturday)).isEqualTo(1);
        await().atMost(20, TimeUnit.SECONDS).until(() -> telegram.delivered().size() == 1);
    }
}
