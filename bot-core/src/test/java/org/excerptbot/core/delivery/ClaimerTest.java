package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claimer of one platform, round by round on H2, with no sender thread: the test takes the posts itself. */
class ClaimerTest {
    private static final String OWNER = "engine-test";
    private static final int CAPACITY = 4;

    private final MutableClock clock = new MutableClock(DeliveryEngineTest.DUE);
    private final DeliveryConfig config = DeliveryEngineTest.config().toBuilder()
            .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM)
            .build();
    private final CountDownLatch stop = new CountDownLatch(1);
    private TestDb db;
    private JdbcSubscriptionStore subscriptions;
    private JdbcDeliveryStore deliveries;
    private PostQueue queue;
    private PlatformRateLimiter limiter;

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        subscriptions = new JdbcSubscriptionStore(db.dataSource());
        deliveries = new JdbcDeliveryStore(db.database());
        queue = new PostQueue(deliveries, subscriptions, clock, config.grace());
        limiter = new PlatformRateLimiter(config.limitsOf(Platform.TELEGRAM), clock);
        for (int i = 0; i < 10; i++) {
            subscriptions.save(
                    new ChatRef(Platform.TELEGRAM, "c" + i, ChatType.PRIVATE),
                    DeliveryEngineTest.EIGHT,
                    Mode.DAILY,
                    "en",
                    DeliveryEngineTest.DUE.minusSeconds(3600));
        }
        deliveries.enqueue(DeliveryEngineTest.EIGHT, DeliveryEngineTest.DAY, DeliveryEngineTest.DUE);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Claimer claimer(DeliveryStore store) {
        return new Claimer(Platform.TELEGRAM, store, limiter, queue, clock, config, OWNER, CAPACITY, stop);
    }

    private int count(DeliveryStatus status) {
        return deliveries.countByStatus().get(status);
    }

    private List<Claim> take(Claimer claimer, int n) throws InterruptedException {
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(claimer.next(Duration.ofMillis(1)));
        return out;
    }

    @Test
    void itHoldsNoMoreThanItsCapacityAndClaimsAgainOnceHalfOfItIsFree() throws Exception {
        Claimer claimer = claimer(deliveries);

        assertThat(claimer.claimOnce()).isZero();
        assertThat(count(DeliveryStatus.CLAIMED)).isEqualTo(CAPACITY);
        assertThat(take(claimer, CAPACITY)).doesNotContainNull();
        assertThat(claimer.next(Duration.ofMillis(1))).isNull();

        // the posts taken still hold their places until their senders are done
        claimer.claimOnce();
        assertThat(count(DeliveryStatus.CLAIMED)).isEqualTo(CAPACITY);
        claimer.done();
        claimer.claimOnce();
        assertThat(count(DeliveryStatus.CLAIMED)).isEqualTo(CAPACITY);
        claimer.done();
        claimer.claimOnce();
        assertThat(count(DeliveryStatus.CLAIMED)).isEqualTo(CAPACITY + 2);
        assertThat(count(DeliveryStatus.PENDING)).isEqualTo(10 - CAPACITY - 2);
    }

    @Test
    void itClaimsNothingWhileA429PausesThePlatform() throws Exception {
        Claimer claimer = claimer(deliveries);
        limiter.rateLimited(
                new ChatRef(Platform.TELEGRAM, "c0", ChatType.PRIVATE), Duration.ofSeconds(20), clock.instant());

        // it waits at most an idle poll at a time, so that a stop or a wake is not kept waiting
        assertThat(claimer.claimOnce()).isEqualTo(config.idlePoll());
        assertThat(count(DeliveryStatus.CLAIMED)).isZero();

        clock.advance(Duration.ofSeconds(20));
        assertThat(claimer.claimOnce()).isZero();
        assertThat(count(DeliveryStatus.CLAIMED)).isEqualTo(CAPACITY);
    }

    @Test
    void drainingReturnsThePostsNoSenderTookAndAClaimUnderWayGoesStraightBack() throws Exception {
        AtomicReference<Claimer> self = new AtomicReference<>();
        List<List<Claim>> drained = new ArrayList<>();
        // the stop comes while the claimer's transaction is under way
        DeliveryStore drainingDuringTheSecondClaim = (DeliveryStore) Proxy.newProxyInstance(
                DeliveryStore.class.getClassLoader(), new Class<?>[] {DeliveryStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(deliveries, args);
                        if (method.getName().equals("claim") && count(DeliveryStatus.CLAIMED) > CAPACITY) {
                            drained.add(self.get().drain());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Claimer claimer = claimer(drainingDuringTheSecondClaim);
        self.set(claimer);
        claimer.claimOnce();
        Claim taken = claimer.next(Duration.ofMillis(1));
        claimer.done();
        claimer.done();
        deliveries.startSending(taken.deliveryId(), OWNER, clock.instant());

        claimer.claimOnce();

        // three claimed and not taken went back when drained, the two of the claim under way right after it
        assertThat(drained).singleElement().satisfies(unsent -> assertThat(unsent)
                .hasSize(CAPACITY - 1));
        claimer.unclaim(drained.get(0));
        assertThat(count(DeliveryStatus.CLAIMED)).isZero();
        assertThat(count(DeliveryStatus.SENDING)).isEqualTo(1);
        assertThat(count(DeliveryStatus.PENDING)).isEqualTo(9);
        assertThat(claimer.next(Duration.ofSeconds(5)))
                .as("a drained claimer has nothing to wait for")
                .isNull();
        assertThat(claimer.claimOnce()).isZero();
        assertThat(count(DeliveryStatus.CLAIMED)).isZero();
    }

    @Test
    void withNothingDueItPutsBackWhatADeadInstanceClaimedOnceTheLeaseIsOver() throws Exception {
        deliveries.claim(Platform.TELEGRAM, "dead", 10, clock.instant());
        Claimer claimer = claimer(deliveries);

        assertThat(claimer.claimOnce()).isEqualTo(config.idlePoll());
        assertThat(count(DeliveryStatus.PENDING)).isZero();

        clock.advance(config.claimLease().plusMillis(1));
        // released, and due at once
        assertThat(claimer.claimOnce()).isEqualTo(Duration.ofMillis(1));
        assertThat(count(DeliveryStatus.PENDING)).isEqualTo(10);
        assertThat(claimer.claimOnce()).isZero();
        assertThat(take(claimer, CAPACITY))
                .extracting(c -> c.subscription().chat().id())
                .doesNotHaveDuplicates();
    }
}
