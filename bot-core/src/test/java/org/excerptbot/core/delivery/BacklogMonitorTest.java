package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backlog as /metrics and /healthz read it, on H2, with an injected clock. */
class BacklogMonitorTest {
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Instant DUE = EIGHT.dueOn(DAY);

    private TestDb db;
    private SubscriptionStore subscriptions;
    private DeliveryStore deliveries;
    private final MutableClock clock = new MutableClock(DUE.minusSeconds(60));

    @BeforeEach
    void open() {
        db = TestDb.h2();
        subscriptions = new JdbcSubscriptionStore(db.dataSource());
        deliveries = new JdbcDeliveryStore(db.database());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void queue(int posts) {
        for (int i = 0; i < posts; i++) {
            subscriptions.save(
                    new ChatRef(Platform.TELEGRAM, "c" + i, ChatType.PRIVATE),
                    EIGHT,
                    Mode.DAILY,
                    "zh",
                    DUE.minusSeconds(3600));
        }
        deliveries.enqueue(EIGHT, DAY, DUE);
    }

    /** Telegram sending {@code perSecond} posts a second (paced at exactly that: no headroom). */
    private static DeliveryConfig telegramAt(double perSecond) {
        return DeliveryConfig.builder()
                .limits(Platform.TELEGRAM, new PlatformLimits(perSecond, 0, 1, 1, 20, Duration.ofSeconds(30)))
                .build();
    }

    @Test
    void theBacklogAndTheOldestPostsAgeAreReadAtMostOncePerMaxAge() {
        BacklogMonitor monitor = new BacklogMonitor(deliveries, telegramAt(30), clock, Duration.ofSeconds(5));
        queue(3);
        assertThat(monitor.waiting(Platform.TELEGRAM)).as("not due yet").isZero();
        assertThat(monitor.oldestAgeSeconds(Platform.TELEGRAM)).isZero();

        clock.set(DUE.plusSeconds(90));
        assertThat(monitor.waiting(Platform.TELEGRAM)).isEqualTo(3);
        assertThat(monitor.oldestAgeSeconds(Platform.TELEGRAM)).isEqualTo(90.0);
        deliveries.claim(Platform.TELEGRAM, "me", 2, clock.instant());

        clock.advance(Duration.ofSeconds(4));
        assertThat(monitor.waiting(Platform.TELEGRAM))
                .as("the reading of 4 s ago")
                .isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.waiting(Platform.TELEGRAM)).isEqualTo(1);
        assertThat(monitor.oldestAgeSeconds(Platform.TELEGRAM)).isEqualTo(95.0);
        assertThat(monitor.waiting(Platform.DISCORD)).isZero();
    }

    @Test
    void theQueueDepthIsReadAtMostOncePerMaxAge() {
        BacklogMonitor monitor = new BacklogMonitor(deliveries, telegramAt(30), clock, Duration.ofSeconds(5));
        assertThat(monitor.queueDepth()).isZero();
        queue(3);

        clock.advance(Duration.ofSeconds(4));
        assertThat(monitor.queueDepth()).as("the reading of 4 s ago").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.queueDepth()).as("not due yet, but queued").isEqualTo(3);
        Claim claim = deliveries
                .claim(Platform.TELEGRAM, "me", 1, clock.instant().plusSeconds(3600))
                .get(0);
        deliveries.startSending(claim.deliveryId(), "me", clock.instant());

        clock.advance(Duration.ofSeconds(5));
        assertThat(monitor.queueDepth())
                .as("a post being sent has left the queue")
                .isEqualTo(2);
    }

    @Test
    void theBacklogIsDegradedWhenItCannotBeSentBeforeTheNextDaysPosts() {
        queue(10);
        // 10 posts at one per hour take 10 h
        HealthCheck health = new BacklogMonitor(deliveries, telegramAt(1 / 3600.0), clock, Duration.ZERO)
                .healthOf(List.of(Platform.TELEGRAM, Platform.DISCORD));

        clock.set(DUE.plus(Duration.ofHours(13)));
        assertThat(health.check())
                .as("13 h late plus 10 h still ends before the next day's 08:00")
                .isEqualTo(HealthCheck.Result.up("10 posts waiting"));

        clock.set(DUE.plus(Duration.ofHours(15)));
        HealthCheck.Result late = health.check();
        assertThat(late.status()).isEqualTo(HealthCheck.Status.DEGRADED);
        assertThat(late.detail())
                .isEqualTo("10 telegram posts wait (the oldest for 15 h 00 min); at 0.0/s they take 10 h 00 min,"
                        + " past the next day's posts");
    }

    @Test
    void anEmptyQueueOrAnUnlimitedPlatformIsUp() {
        HealthCheck unlimited = new BacklogMonitor(
                        deliveries,
                        DeliveryConfig.builder()
                                .limits(Platform.TELEGRAM, PlatformLimits.NONE)
                                .build(),
                        clock,
                        Duration.ZERO)
                .healthOf(List.of(Platform.TELEGRAM));
        assertThat(unlimited.check()).isEqualTo(HealthCheck.Result.up("0 posts waiting"));
        queue(5);
        clock.set(DUE.plus(Duration.ofHours(23)));
        assertThat(unlimited.check()).isEqualTo(HealthCheck.Result.up("5 posts waiting"));
    }
}
