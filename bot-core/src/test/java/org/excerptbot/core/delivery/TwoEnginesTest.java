package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two instances on one database, both told that the slot is due and both sending: every post goes once. */
class TwoEnginesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void twoEnginesOnOneDatabaseSendEachPostExactlyOnce(Supplier<TestDb> open) {
        int n = 300;
        MutableClock clock = new MutableClock(DeliveryEngineTest.DUE);
        try (TestDb db = open.get();
                Database other = db.openAnother()) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            Instant before = DeliveryEngineTest.DUE.minusSeconds(3600);
            for (int i = 0; i < n; i++) {
                subscriptions.save(
                        new ChatRef(Platform.TELEGRAM, "t" + i, i % 2 == 0 ? ChatType.PRIVATE : ChatType.GROUP),
                        DeliveryEngineTest.EIGHT,
                        i % 3 == 0 ? Mode.SEQUENTIAL : Mode.DAILY,
                        "zh",
                        before);
            }
            List<FakeMessenger> messengers = new ArrayList<>();
            List<DeliveryEngine> engines = new ArrayList<>();
            for (Database d : List.of(db.database(), other)) {
                FakeMessenger m = new FakeMessenger(Platform.TELEGRAM);
                messengers.add(m);
                engines.add(new DeliveryEngine(
                        new JdbcDeliveryStore(d),
                        new JdbcSubscriptionStore(d.dataSource()),
                        List.of(m),
                        DeliveryEngineTest.POSTS,
                        clock,
                        DeliveryEngineTest.config()));
            }
            try {
                engines.forEach(DeliveryEngine::start);
                List<Thread> firing = new ArrayList<>();
                for (DeliveryEngine e : engines) {
                    Thread t = new Thread(() -> e.slotDue(DeliveryEngineTest.EIGHT, DeliveryEngineTest.DUE));
                    firing.add(t);
                    t.start();
                }
                engines.forEach(DeliveryEngine::catchUp);
                JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
                await().atMost(60, TimeUnit.SECONDS)
                        .until(() -> deliveries.countByStatus().get(DeliveryStatus.SENT) == n);
            } finally {
                engines.forEach(DeliveryEngine::stop);
            }
            List<String> delivered = new ArrayList<>();
            messengers.forEach(m -> delivered.addAll(m.deliveredChatIds()));
            assertThat(delivered).hasSize(n).doesNotHaveDuplicates();
            assertThat(messengers).allSatisfy(m -> assertThat(m.delivered()).isNotEmpty());
            assertThat(subscriptions
                            .find(new ChatRef(Platform.TELEGRAM, "t0", ChatType.PRIVATE))
                            .orElseThrow()
                            .cursor())
                    .isEqualTo(1);
        }
    }
}
