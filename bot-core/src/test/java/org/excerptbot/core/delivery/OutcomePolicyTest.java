package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each outcome of a send leads to, for one started post on H2, without any thread of the engine. */
class OutcomePolicyTest {
    private static final Instant DUE = DeliveryEngineTest.DUE;
    private static final String OWNER = "engine-test";
    private static final Post POST = new Post(Reply.notice("post"), OptionalLong.of(4));

    private final MutableClock clock = new MutableClock(DUE);
    private final DeliveryConfig config = DeliveryEngineTest.config();
    private final DeliveryCounters counters = new DeliveryCounters();
    private TestDb db;
    private JdbcSubscriptionStore subscriptions;
    private JdbcDeliveryStore deliveries;
    private SentRecorder recorder;
    private OutcomePolicy policy;
    private PlatformRateLimiter limiter;

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        subscriptions = new JdbcSubscriptionStore(db.dataSource());
        deliveries = new JdbcDeliveryStore(db.database());
        recorder = new SentRecorder(deliveries, counters);
        policy = new OutcomePolicy(deliveries, subscriptions, recorder, clock, config, counters);
        limiter = new PlatformRateLimiter(PlatformLimits.TELEGRAM, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** A subscription with its post claimed and started, as a sender holds it just after sending. */
    private Claim started(String chatId, ChatType type, int attempts) {
        subscriptions.save(
                new ChatRef(Platform.TELEGRAM, chatId, type),
                DeliveryEngineTest.EIGHT,
                Mode.SEQUENTIAL,
                "en",
                DUE.minusSeconds(3600));
        deliveries.enqueue(DeliveryEngineTest.EIGHT, DeliveryEngineTest.DAY, DUE);
        Claim c = deliveries.claim(Platform.TELEGRAM, OWNER, 1, clock.instant()).get(0);
        assertThat(deliveries.startSending(c.deliveryId(), OWNER, clock.instant()))
                .isTrue();
        return new Claim(c.deliveryId(), c.subscription(), c.localDate(), c.dueAt(), attempts);
    }

    private Delivery row(Claim claim) {
        return deliveries.forSubscription(claim.subscription().id()).get(0);
    }

    /** True when the row may be claimed at {@code at} (its not_before has passed). */
    private boolean claimableAt(Instant at) {
        return !deliveries.claim(Platform.TELEGRAM, "probe", 1, at).isEmpty();
    }

    @Test
    void aSentPostIsRecordedWithItsMessageIdAndMovesTheCursor() {
        Claim claim = started("1", ChatType.PRIVATE, 0);

        policy.sent(claim, POST, new SendOutcome.Sent("m-77"), limiter);
        recorder.stop(System.nanoTime());

        assertThat(row(claim).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(row(claim).messageId()).isEqualTo("m-77");
        assertThat(row(claim).item()).isEqualTo(OptionalLong.of(4));
        assertThat(counters.sent.get()).isEqualTo(1);
    }

    @Test
    void a429PausesTheChatAndThePlatformAndRequeuesThePostWithoutCountingAnAttempt() {
        Claim claim = started("2", ChatType.PRIVATE, 0);

        policy.sent(claim, POST, new SendOutcome.RateLimited(Duration.ofSeconds(35)), limiter);

        assertThat(row(claim).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(row(claim).attempts()).isZero();
        assertThat(row(claim).detail()).isEqualTo("429: retry after 35 s");
        ChatRef chat = claim.subscription().chat();
        assertThat(limiter.chatWait(chat, clock.instant())).isEqualTo(Duration.ofSeconds(35));
        // the whole platform waits too, up to Telegram's cap of 30 s
        assertThat(limiter.pausedUntil(clock.instant())).contains(DUE.plusSeconds(30));
        assertThat(claimableAt(DUE.plusSeconds(35).minusMillis(1))).isFalse();
        assertThat(claimableAt(DUE.plusSeconds(35))).isTrue();
        assertThat(counters.rateLimited.get()).isEqualTo(1);
    }

    @Test
    void aForbiddenChatLosesItsSubscriptionAndThePostFails() {
        Claim claim = started("3", ChatType.PRIVATE, 0);

        policy.sent(claim, POST, new SendOutcome.Forbidden("Forbidden: bot was kicked"), limiter);

        Subscription sub = subscriptions.byId(claim.subscription().id()).orElseThrow();
        assertThat(sub.status()).isEqualTo(SubscriptionStatus.FORBIDDEN);
        assertThat(row(claim).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(row(claim).detail()).isEqualTo("forbidden: Forbidden: bot was kicked");
        assertThat(counters.forbidden.get()).isEqualTo(1);
        assertThat(counters.failed.get()).isEqualTo(1);
    }

    @Test
    void aMigratedChatMovesItsSubscriptionAndThePostIsRetriedAtOnce() {
        Claim claim = started("-4001", ChatType.GROUP, 0);

        policy.sent(claim, POST, new SendOutcome.Migrated("-1004001"), limiter);

        Subscription sub = subscriptions.byId(claim.subscription().id()).orElseThrow();
        assertThat(sub.chat().id()).isEqualTo("-1004001");
        assertThat(row(claim).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(row(claim).attempts()).isEqualTo(1);
        assertThat(claimableAt(clock.instant())).isTrue();
    }

    @Test
    void aRetryableFailureIsRetriedAfterTheBackoffAndGivenUpAtTheLastAttempt() {
        Claim first = started("4", ChatType.PRIVATE, 0);

        policy.sent(first, POST, new SendOutcome.Failed("502 Bad Gateway", true), limiter);

        assertThat(row(first).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(row(first).attempts()).isEqualTo(1);
        assertThat(claimableAt(DUE.plusSeconds(30).minusMillis(1))).isFalse();
        Instant retry = DUE.plusSeconds(30);
        clock.set(retry);
        Claim again = deliveries.claim(Platform.TELEGRAM, OWNER, 1, retry).get(0);
        deliveries.startSending(again.deliveryId(), OWNER, retry);
        Claim last = new Claim(
                again.deliveryId(), again.subscription(), again.localDate(), again.dueAt(), config.maxAttempts() - 1);

        policy.sent(last, POST, new SendOutcome.Failed("502 Bad Gateway", true), limiter);

        assertThat(row(first).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(row(first).detail()).isEqualTo("gave up after 5 attempts: 502 Bad Gateway");
        assertThat(counters.retried.get()).isEqualTo(1);
        assertThat(counters.failed.get()).isEqualTo(1);
    }

    @Test
    void aFailureThatMustNotBeRetriedFailsThePostAtOnce() {
        Claim claim = started("5", ChatType.PRIVATE, 0);

        policy.sent(claim, POST, new SendOutcome.Failed("400 Bad Request: chat not found", false), limiter);

        assertThat(row(claim).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(row(claim).detail()).isEqualTo("400 Bad Request: chat not found");
    }

    @Test
    void theBackoffDoublesFromTheFirstAndStopsAtTheLongest() {
        assertThat(List.of(0, 1, 2, 5, 6, 30).stream().map(policy::backoff))
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(16),
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30));
    }

    @Test
    void postsNotSentOnPurposeAreSkippedOrWaitForTheirChat() {
        Claim skipped = started("6", ChatType.PRIVATE, 0);
        policy.skipped(skipped, "the subscription is UNSUBSCRIBED");
        assertThat(row(skipped).status()).isEqualTo(DeliveryStatus.SKIPPED);

        Claim busy = started("7", ChatType.PRIVATE, 0);
        policy.chatBusy(busy, Duration.ofSeconds(2));
        assertThat(row(busy).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(row(busy).attempts()).isZero();
        assertThat(claimableAt(DUE.plusSeconds(2))).isTrue();
        assertThat(counters.skipped.get()).isEqualTo(1);
    }
}
