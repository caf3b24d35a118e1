package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.FakeMessenger;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.delivery.Post;
import org.excerptbot.core.delivery.PostComposer;
import org.excerptbot.core.delivery.PostQueue;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Test;

/**
 * The slow path, wired as the application does it: per instance, the slot scheduler over the post queue (built
 * before the messengers) and the delivery engine (built with them), started in that order. Two clustered instances (Quartz JDBC job store in the bot's database) with a slot due at the
 * next minute of the wall clock. The real trigger fires, and every subscriber gets exactly one post.
 */
class DailyPostsTest {
    private static final PostComposer SIMPLE =
            (s, date) -> new Post(Reply.notice("post of " + date), java.util.OptionalLong.empty());

    /** One instance: its slot scheduler and its delivery engine. */
    private record Node(SlotScheduler scheduler, DeliveryEngine engine) {
        void start() {
            scheduler.start();
            engine.start();
        }

        void stop() {
            scheduler.stop();
            engine.stop();
        }
    }

    /** One database with its two clustered nodes and their messengers. */
    private record Cluster(
            TestDb db, Database second, List<Node> nodes, List<FakeMessenger> messengers, List<Duration> lags) {
        List<String> delivered() {
            List<String> out = new ArrayList<>();
            messengers.forEach(m -> out.addAll(m.deliveredChatIds()));
            return out;
        }

        void close() {
            nodes.forEach(Node::stop);
            second.close();
            db.close();
        }
    }

    @Test
    void aRealTriggerFiresOnceForTheSlotAndEachSubscriberGetsOnePost() throws Exception {
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.of("America/New_York");
        ZonedDateTime next = ZonedDateTime.now(clock)
                .withZoneSameInstant(zone)
                .plusSeconds(5)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        Slot slot = new Slot(next.toLocalTime(), zone);
        // H2 always; PostgreSQL too when a server answers (both wait for the same minute)
        List<Cluster> clusters = new ArrayList<>();
        try {
            clusters.add(cluster(TestDb.h2(), slot, clock));
            if (TestDb.postgresAvailable()) {
                clusters.add(cluster(TestDb.postgres(), slot, clock));
            } else {
                System.out.println("PostgreSQL not reachable at 127.0.0.1:5432: the clustered trigger runs on H2 only");
            }
            for (Cluster c : clusters) {
                assertThat(triggerCount(c.db()))
                        .as("one trigger per slot, not per subscription")
                        .isEqualTo(1);
                assertThat(c.nodes().get(0).scheduler().nextFire(slot)).contains(next.toInstant());
            }

            for (Cluster c : clusters) {
                JdbcDeliveryStore deliveries = new JdbcDeliveryStore(c.db().database());
                await().atMost(150, TimeUnit.SECONDS)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> deliveries.countByStatus().get(DeliveryStatus.SENT) == 3);
            }
            for (Cluster c : clusters) c.nodes().forEach(Node::stop);

            for (Cluster c : clusters) {
                assertThat(c.delivered()).containsExactlyInAnyOrder("q0", "q1", "q2");
                // one firing across the cluster, reported with how late it ran
                assertThat(c.lags()).singleElement().satisfies(lag -> assertThat(lag)
                        .isGreaterThanOrEqualTo(Duration.ZERO));
                assertThat(c.messengers().stream()
                                .flatMap(m -> m.delivered().stream())
                                .map(a -> a.reply().plainText()))
                        .containsOnly("post of " + next.toLocalDate());
            }
        } finally {
            clusters.forEach(Cluster::close);
        }
    }

    private static Cluster cluster(TestDb db, Slot slot, Clock clock) {
        Database second = db.openAnother();
        JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
        Instant before = clock.instant().minusSeconds(60);
        for (int i = 0; i < 3; i++) {
            subscriptions.save(
                    new ChatRef(Platform.TELEGRAM, "q" + i, ChatType.PRIVATE), slot, Mode.DAILY, "en", before);
        }
        DeliveryConfig config = DeliveryConfig.builder()
                .sendersPerPlatform(2)
                .idlePoll(Duration.ofMillis(50))
                .limits(Platform.TELEGRAM, PlatformLimits.NONE)
                .build();
        List<FakeMessenger> messengers =
                List.of(new FakeMessenger(Platform.TELEGRAM), new FakeMessenger(Platform.TELEGRAM));
        List<Node> nodes = new ArrayList<>();
        List<Duration> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        int i = 0;
        for (Database d : List.of(db.database(), second)) {
            JdbcSubscriptionStore nodeSubscriptions = new JdbcSubscriptionStore(d.dataSource());
            JdbcDeliveryStore nodeDeliveries = new JdbcDeliveryStore(d);
            PostQueue queue = new PostQueue(nodeDeliveries, nodeSubscriptions, clock, config.grace());
            SlotScheduler scheduler = new SlotScheduler(
                    d.dataSource(),
                    d.kind(),
                    nodeSubscriptions,
                    queue::slotDue,
                    clock,
                    "node-" + i,
                    SlotScheduler.DEFAULT_CHECKIN,
                    new LagRecorder(lags));
            // told of the slot before anything started, as a subscription in the first moments would
            scheduler.slotInUse(slot);
            DeliveryEngine engine = new DeliveryEngine(
                    nodeDeliveries, nodeSubscriptions, queue, List.of(messengers.get(i++)), SIMPLE, clock, config);
            nodes.add(new Node(scheduler, engine));
        }
        nodes.forEach(Node::start);
        return new Cluster(db, second, nodes, messengers, lags);
    }

    private static int triggerCount(TestDb db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'slots'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
