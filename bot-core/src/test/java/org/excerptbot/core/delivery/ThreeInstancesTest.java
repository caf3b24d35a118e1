package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one PostgreSQL schema send one minute's posts under a shared limit of 50 a second: together
 * they never exceed it in any sliding second, every post goes out once, and one instance frozen in the middle of
 * the fan-out (its claims and sends left as a killed process leaves them) loses only the posts it was sending.
 */
class ThreeInstancesTest {
    private static final int LIMIT = 50;
    private static final int POSTS = 300;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static final DeliveryConfig CONFIG = DeliveryConfig.builder()
            .sendersPerPlatform(4)
            .idlePoll(Duration.ofMillis(20))
            .claimLease(Duration.ofSeconds(1))
            .stopTimeout(Duration.ofMillis(200))
            .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM.withRate(LIMIT))
            .build();

    @Test
    void threeInstancesShareTheLimitAndSendEveryPostOnce() {
        try (TestDb db = TestDb.postgres();
                Cluster cluster = new Cluster(db)) {
            cluster.start();
            await().atMost(60, TimeUnit.SECONDS).until(() -> cluster.sent() == POSTS);

            assertThat(cluster.startedChatIds()).hasSize(POSTS).doesNotHaveDuplicates();
            assertThat(cluster.messengers)
                    .allSatisfy(m -> assertThat(m.starts()).isNotEmpty());
            assertThat(busiestSecond(cluster.startTimes())).isLessThanOrEqualTo(LIMIT);
        }
    }

    @Test
    void anInstanceKilledMidwayLosesOnlyItsSendsInFlightAndDuplicatesNone() {
        try (TestDb db = TestDb.postgres();
                Cluster cluster = new Cluster(db)) {
            RecordingMessenger victim = cluster.messengers.get(2);
            cluster.start();
            await().atMost(60, TimeUnit.SECONDS).until(() -> victim.starts().size() >= 20);
            victim.freeze();
            // its senders hang in their requests and it claims nothing more, holding the rest of its claims
            await().atMost(10, TimeUnit.SECONDS).until(() -> victim.hanging() == CONFIG.sendersFor(Platform.TELEGRAM));

            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> deliveries.countByStatus().getOrDefault(DeliveryStatus.SENT, 0)
                            == POSTS - victim.hanging());

            Set<String> hanging = victim.hangingChatIds();
            List<String> started = cluster.startedChatIds();
            assertThat(started).hasSize(POSTS).doesNotHaveDuplicates();
            assertThat(cluster.deliveredChatIds())
                    .hasSize(POSTS - hanging.size())
                    .doesNotContainAnyElementsOf(hanging);
            assertThat(deliveries.countByStatus().get(DeliveryStatus.SENDING)).isEqualTo(hanging.size());
            assertThat(busiestSecond(cluster.startTimes())).isLessThanOrEqualTo(LIMIT);
        }
    }

    /** The most sends started in any one-second window (a send counts at its start, as the platform may). */
    static int busiestSecond(List<Long> startNanos) {
        List<Long> times = new ArrayList<>(startNanos);
        times.sort(null);
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= SECOND) first++;
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    @Test
    void theBusiestSecondCountsASlidingWindow() {
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(busiestSecond(List.of(0L, 999 * ms, 1000 * ms, 1999 * ms))).isEqualTo(2);
        assertThat(busiestSecond(List.of(500 * ms, 0L, 1400 * ms, 900 * ms, 1600 * ms)))
                .isEqualTo(3);
    }

    /** Three engines, each with its own pool and messenger, on one schema; one engine queues the slot. */
    private static final class Cluster implements AutoCloseable {
        final List<RecordingMessenger> messengers = new ArrayList<>();
        final List<DeliveryEngine> engines = new ArrayList<>();
        private final List<Database> pools = new ArrayList<>();

        Cluster(TestDb db) {
            Clock clock = new TickingClock(DeliveryEngineTest.DUE);
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            Instant before = DeliveryEngineTest.DUE.minusSeconds(3600);
            for (int i = 0; i < POSTS; i++) {
                subscriptions.save(
                        new ChatRef(Platform.TELEGRAM, "c" + i, ChatType.PRIVATE),
                        DeliveryEngineTest.EIGHT,
                        Mode.DAILY,
                        "zh",
                        before);
            }
            pools.add(db.database());
            pools.add(db.openAnother());
            pools.add(db.openAnother());
            for (Database pool : pools) {
                RecordingMessenger m = new RecordingMessenger();
                messengers.add(m);
                engines.add(new DeliveryEngine(
                        new JdbcDeliveryStore(pool),
                        new JdbcSubscriptionStore(pool.dataSource()),
                        List.of(m),
                        DeliveryEngineTest.POSTS,
                        clock,
                        CONFIG));
            }
        }

        void start() {
            engines.forEach(DeliveryEngine::start);
            // the engines' catch-up at start may have queued them already: queuing is idempotent
            engines.get(0).slotDue(DeliveryEngineTest.EIGHT, DeliveryEngineTest.DUE);
            assertThat(new JdbcDeliveryStore(pools.get(0))
                            .countByStatus().values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum())
                    .isEqualTo(POSTS);
            engines.forEach(DeliveryEngine::wake);
        }

        long sent() {
            return engines.stream().mapToLong(e -> e.stats().sent()).sum();
        }

        List<String> startedChatIds() {
            List<String> ids = new ArrayList<>();
            messengers.forEach(m -> m.starts().forEach(s -> ids.add(s.chatId())));
            return ids;
        }

        List<String> deliveredChatIds() {
            List<String> ids = new ArrayList<>();
            messengers.forEach(m -> ids.addAll(m.deliveredChatIds()));
            return ids;
        }

        List<Long> startTimes() {
            List<Long> times = new ArrayList<>();
            messengers.forEach(m -> m.starts().forEach(s -> times.add(s.nanos())));
            return times;
        }

        @Override
        public void close() {
            messengers.forEach(RecordingMessenger::release);
            engines.forEach(DeliveryEngine::stop);
            // the first pool is the test database's own; it closes it
            pools.subList(1, pools.size()).forEach(Database::close);
        }
    }

    /**
     * Records when each send starts (monotonic clock) and delivers it; once frozen, every send hangs as in a killed
     * process (the platform may or may not have received it) until the test ends.
     */
    private static final class RecordingMessenger implements Messenger {
        record Start(String chatId, long nanos) {}

        private final List<Start> starts = new ArrayList<>();
        private final List<String> delivered = new ArrayList<>();
        private final Set<String> hanging = new HashSet<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean frozen;

        @Override
        public Platform platform() {
            return Platform.TELEGRAM;
        }

        @Override
        public SendOutcome send(ChatRef chat, Reply reply) {
            synchronized (this) {
                starts.add(new Start(chat.id(), System.nanoTime()));
                if (!frozen) {
                    delivered.add(chat.id());
                    return new SendOutcome.Sent("m-" + chat.id());
                }
                hanging.add(chat.id());
            }
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SendOutcome.Failed("the instance was killed", false);
        }

        void freeze() {
            frozen = true;
        }

        void release() {
            released.countDown();
        }

        synchronized List<Start> starts() {
            return List.copyOf(starts);
        }

        synchronized List<String> deliveredChatIds() {
            return List.copyOf(delivered);
        }

        synchronized int hanging() {
            return hanging.size();
        }

        synchronized Set<String> hangingChatIds() {
            return Set.copyOf(hanging);
        }
    }

    /** The engines' clock: starts at the slot's due instant and runs with the monotonic clock. */
    private static final class TickingClock extends Clock {
        private final Instant start;
        private final long startNanos;
        private final ZoneId zone;

        TickingClock(Instant start) {
            this(start, System.nanoTime(), ZoneOffset.UTC);
        }

        private TickingClock(Instant start, long startNanos, ZoneId zone) {
            this.start = start;
            this.startNanos = startNanos;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return start.plusNanos(System.nanoTime() - startNanos);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new TickingClock(start, startNanos, other);
        }
    }
}
