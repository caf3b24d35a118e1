package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery engine on H2 with a fake messenger and a hand-moved clock. */
class DeliveryEngineTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    /** 2026-03-02 in Shanghai; still 1 March in UTC at 08:00 local. */
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    static final Instant DUE = EIGHT.dueOn(DAY);
    static final Corpus CORPUS = CorpusLoader.loadPackaged();
    static final DailyRotation ROTATION = new DailyRotation(ExcerptPool.build(CORPUS), DailyRotation.DEFAULT_SEED);
    static final ExcerptPosts POSTS = new ExcerptPosts(CORPUS, ROTATION, Messages.load());

    static DeliveryConfig config() {
        return DeliveryConfig.builder()
                .sendersPerPlatform(3)
                .idlePoll(Duration.ofMillis(10))
                .limits(Platform.TELEGRAM, PlatformLimits.NONE)
                .build();
    }

    private TestDb db;
    private JdbcSubscriptionStore subscriptions;
    private JdbcDeliveryStore deliveries;
    private final MutableClock clock = new MutableClock(DUE.minusSeconds(3600));
    private final FakeMessenger telegram = new FakeMessenger(Platform.TELEGRAM);
    private final List<DeliveryEngine> engines = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        subscriptions = new JdbcSubscriptionStore(db.dataSource());
        deliveries = new JdbcDeliveryStore(db.database());
    }

    @AfterEach
    void tearDown() {
        engines.forEach(DeliveryEngine::stop);
        db.close();
    }

    private DeliveryEngine engine(Messenger messenger) {
        return engine(messenger, config(), deliveries);
    }

    private DeliveryEngine engine(Messenger messenger, DeliveryConfig config, DeliveryStore store) {
        DeliveryEngine e = new DeliveryEngine(store, subscriptions, List.of(messenger), POSTS, clock, config);
        engines.add(e);
        return e;
    }

    private Subscription subscribe(String chatId, Mode mode) {
        return subscribe(chatId, EIGHT, mode);
    }

    private Subscription subscribe(String chatId, Slot slot, Mode mode) {
        ChatRef chat = new ChatRef(Platform.TELEGRAM, chatId, ChatType.PRIVATE);
        return subscriptions.save(chat, slot, mode, "en", DUE.minusSeconds(86_400 * 10));
    }

    private void awaitFinished(int rows) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> finished() >= rows);
    }

    private int finished() {
        return deliveries.countByStatus().entrySet().stream()
                .filter(e -> e.getKey().finished())
                .mapToInt(java.util.Map.Entry::getValue)
                .sum();
    }

    private List<Delivery> rowsOf(Subscription s) {
        return deliveries.forSubscription(s.id());
    }

    @Test
    void dailyModePostsTheExcerptOfTheSubscribersLocalDate() {
        subscribe("1", Mode.DAILY);
        DeliveryEngine e = engine(telegram);
        e.start();
        clock.set(DUE);

        assertThat(e.slotDue(EIGHT, DUE)).isEqualTo(1);
        awaitFinished(1);

        Reply reply = telegram.delivered().get(0).reply();
        assertThat(reply.plainText()).isEqualTo(ROTATION.excerptFor(DAY).text());
        assertThat(reply.title()).contains("Excerpt of the day · 2026-03-02");
        assertThat(reply.sections().get(0).citation()).isPresent();
        // the UTC date at 08:00 in Shanghai is still 1 March: the post is not that day's
        assertThat(ROTATION.excerptFor(DAY.minusDays(1)).text()).isNotEqualTo(reply.plainText());
    }

    @Test
    void sequentialModeReadsInOrderAndTheCursorAdvancesOnlyWhenAPostIsSent() {
        Subscription s = subscribe("7", Mode.SEQUENTIAL);
        ExcerptPool pool = ROTATION.pool();
        telegram.script("7", new SendOutcome.Sent("a"), new SendOutcome.Failed("Bad Request: chat not found", false));
        DeliveryEngine e = engine(telegram);
        e.start();

        for (int d = 0; d < 3; d++) {
            LocalDate date = DAY.plusDays(d);
            clock.set(EIGHT.dueOn(date));
            e.slotDue(EIGHT, EIGHT.dueOn(date));
            awaitFinished(d + 1);
        }

        List<FakeMessenger.Attempt> attempts = telegram.attempts();
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).reply().plainText()).isEqualTo(pool.get(0).text());
        assertThat(attempts.get(0).reply().title()).contains("Reading through · excerpt 1 of " + pool.size());
        // day two failed: day three repeats excerpt 2, it does not skip it
        assertThat(attempts.get(1).reply().plainText()).isEqualTo(pool.get(1).text());
        assertThat(attempts.get(2).reply().plainText()).isEqualTo(pool.get(1).text());
        assertThat(subscriptions.byId(s.id()).orElseThrow().cursor()).isEqualTo(2);
        assertThat(rowsOf(s))
                .extracting(Delivery::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.SENT);
        assertThat(rowsOf(s).get(2).item()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void postsMissedWhileDownGoOutAtStartWithinTheGraceOfTheSameLocalDay() {
        Subscription early = subscribe("1", Mode.DAILY);
        Slot late = new Slot(LocalTime.of(15, 0), SHANGHAI);
        Subscription notYet = subscribe("2", late, Mode.DAILY);
        Slot tooOld = new Slot(LocalTime.of(1, 0), SHANGHAI);
        Subscription stale = subscribe("3", tooOld, Mode.DAILY);
        // the bot comes up at 10:30 Shanghai time: 08:00 was missed 2.5 h ago, 01:00 9.5 h ago
        clock.set(DUE.plus(Duration.ofMinutes(150)));

        DeliveryEngine first = engine(telegram);
        first.start();
        awaitFinished(1);
        first.stop();

        assertThat(telegram.deliveredChatIds()).containsExactly("1");
        assertThat(rowsOf(early)).singleElement().satisfies(d -> assertThat(d.localDate())
                .isEqualTo(DAY));
        assertThat(rowsOf(notYet)).isEmpty();
        assertThat(rowsOf(stale)).isEmpty();

        // restarting again the same day never sends a second post
        FakeMessenger again = new FakeMessenger(Platform.TELEGRAM);
        clock.advance(Duration.ofMinutes(30));
        DeliveryEngine second = engine(again);
        second.start();
        assertThat(second.catchUp()).isZero();
        second.stop();
        assertThat(again.attempts()).isEmpty();
    }

    @Test
    void nothingIsCaughtUpOnceTheSubscribersLocalDateHasChanged() {
        subscribe("1", new Slot(LocalTime.of(23, 0), SHANGHAI), Mode.DAILY);
        // down from 22:50 to 00:30 the next day (within 6 h of 23:00, but another local date)
        clock.set(LocalDate.of(2026, 3, 3).atTime(0, 30).atZone(SHANGHAI).toInstant());

        DeliveryEngine e = engine(telegram);
        e.start();

        assertThat(e.catchUp()).isZero();
        assertThat(deliveries.countByStatus().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isZero();
    }

    @Test
    void aLateTriggerBeyondTheGraceQueuesNothing() {
        subscribe("1", Mode.DAILY);
        DeliveryEngine e = engine(telegram);
        clock.set(DUE.plus(Duration.ofHours(7)));

        assertThat(e.slotDue(EIGHT, DUE)).isZero();
        clock.set(DUE.plus(Duration.ofHours(5)));
        assertThat(e.slotDue(EIGHT, DUE)).isEqualTo(1);
        assertThat(e.slotDue(EIGHT, DUE)).isZero();
    }

    @Test
    void aRestartInTheMiddleOfAFanOutLosesNothingAndSendsNothingTwice() throws Exception {
        int n = 120;
        for (int i = 0; i < n; i++) subscribe("r" + i, Mode.DAILY);
        GatedMessenger gated = new GatedMessenger(Platform.TELEGRAM, 40);
        DeliveryEngine first = engine(gated);
        first.start();
        clock.set(DUE);
        first.slotDue(EIGHT, DUE);

        await().atMost(20, TimeUnit.SECONDS)
                .until(() -> gated.delegate.delivered().size() >= 40);
        Thread stopper = new Thread(first::stop);
        stopper.start();
        // stop() is now waiting for the senders blocked in send(): let them finish their posts
        await().atMost(5, TimeUnit.SECONDS).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        gated.open();
        stopper.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(stopper.isAlive()).isFalse();

        int sentByFirst = gated.delegate.delivered().size();
        assertThat(sentByFirst).isLessThan(n);
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENT, sentByFirst)
                .containsEntry(DeliveryStatus.SENDING, 0)
                .containsEntry(DeliveryStatus.CLAIMED, 0)
                .containsEntry(DeliveryStatus.PENDING, n - sentByFirst);

        FakeMessenger after = new FakeMessenger(Platform.TELEGRAM);
        DeliveryEngine second = engine(after);
        second.start();
        awaitFinished(n);

        List<String> all = new ArrayList<>(gated.delegate.deliveredChatIds());
        all.addAll(after.deliveredChatIds());
        assertThat(all).hasSize(n).doesNotHaveDuplicates();
        assertThat(deliveries.countByStatus()).containsEntry(DeliveryStatus.SENT, n);
    }

    @Test
    void aStopDuringAFanOutPutsTheUnstartedPostsBackAtOnceAndFailsNoneThatWasNeverSent() throws Exception {
        int n = 200;
        int free = 50;
        int senders = config().sendersFor(Platform.TELEGRAM);
        for (int i = 0; i < n; i++) subscribe("f" + i, Mode.DAILY);
        ClosingMessenger closing = new ClosingMessenger(free, senders);
        // long enough that a stop which held the claimed posts until the senders end would show it
        DeliveryEngine first = engine(
                closing,
                config().toBuilder().stopTimeout(Duration.ofSeconds(30)).build(),
                deliveries);
        first.start();
        clock.set(DUE);
        first.slotDue(EIGHT, DUE);
        assertThat(closing.inFlight.await(20, TimeUnit.SECONDS)).isTrue();
        // every sender is in send(), with claimed posts waiting behind them (up to the lane's room)
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> deliveries.countByStatus().get(DeliveryStatus.CLAIMED) > 0);

        Thread stopper = new Thread(first::stop);
        stopper.start();
        // claiming stops and the claimed posts no sender started go back while the sends in flight are still out
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> deliveries.countByStatus().get(DeliveryStatus.CLAIMED) == 0);
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENDING, senders)
                .containsEntry(DeliveryStatus.PENDING, n - free - senders);
        closing.open();
        stopper.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(stopper.isAlive()).as("the stop ended").isFalse();

        assertThat(closing.delegate.attempts()).hasSize(free + senders);
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENT, free + senders - 1)
                .containsEntry(DeliveryStatus.FAILED, 0)
                .containsEntry(DeliveryStatus.SENDING, 0)
                .containsEntry(DeliveryStatus.CLAIMED, 0)
                .containsEntry(DeliveryStatus.PENDING, n - free - senders + 1);
        Subscription rejected = subscriptions
                .find(new ChatRef(Platform.TELEGRAM, closing.rejectedChat(), ChatType.PRIVATE))
                .orElseThrow();
        assertThat(rowsOf(rejected)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
        });

        // after the restart (past the rejected post's back-off) the rest goes out, each post once
        clock.advance(Duration.ofMinutes(1));
        FakeMessenger after = new FakeMessenger(Platform.TELEGRAM);
        engine(after).start();
        awaitFinished(n);
        List<String> all = new ArrayList<>(closing.delegate.deliveredChatIds());
        all.addAll(after.deliveredChatIds());
        assertThat(all).hasSize(n).doesNotHaveDuplicates();
        assertThat(after.deliveredChatIds()).contains(closing.rejectedChat());
        assertThat(deliveries.countByStatus()).containsEntry(DeliveryStatus.SENT, n);
    }

    @Test
    void aPostLeftSendingByADeadInstanceIsNeverSentAgain() {
        subscribe("dead", Mode.DAILY);
        subscribe("alive", Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        clock.set(DUE);
        // the crashed instance had claimed one post and died before recording the outcome
        Claim lost = deliveries.claim(Platform.TELEGRAM, "crashed", 1, DUE).get(0);
        deliveries.startSending(lost.deliveryId(), "crashed", DUE);

        clock.set(DUE.plus(Duration.ofMinutes(20)));
        DeliveryEngine e = engine(telegram);
        e.start();
        awaitFinished(2);

        assertThat(telegram.deliveredChatIds())
                .containsExactly(lost.subscription().chat().id().equals("dead") ? "alive" : "dead");
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.ABANDONED, 1)
                .containsEntry(DeliveryStatus.SENT, 1);
    }

    @Test
    void postsADeadInstanceClaimedAndNeverStartedAreSentByAnotherOnceTheLeaseRunsOut() {
        for (int i = 0; i < 5; i++) subscribe("c" + i, Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        clock.set(DUE);
        // the crashed instance claimed a batch of four, started one (its request may have gone out) and died
        List<Claim> batch = deliveries.claim(Platform.TELEGRAM, "crashed", 4, DUE);
        deliveries.startSending(batch.get(0).deliveryId(), "crashed", DUE);
        String inFlight = batch.get(0).subscription().chat().id();

        DeliveryEngine e = engine(telegram);
        e.start();
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> telegram.deliveredChatIds().size() == 1);
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.CLAIMED, 3)
                .containsEntry(DeliveryStatus.SENDING, 1);

        clock.advance(config().claimLease().plusMillis(1));
        e.wake();
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> telegram.deliveredChatIds().size() == 4);
        assertThat(telegram.deliveredChatIds()).doesNotHaveDuplicates().doesNotContain(inFlight);
        assertThat(deliveries.countByStatus())
                .containsEntry(DeliveryStatus.SENT, 4)
                .containsEntry(DeliveryStatus.SENDING, 1)
                .containsEntry(DeliveryStatus.CLAIMED, 0);
    }

    @Test
    void aRateLimitedPostWaitsRetryAfterAndIsNotLost() {
        Subscription s = subscribe("9", Mode.DAILY);
        telegram.script("9", new SendOutcome.RateLimited(Duration.ofSeconds(35)));
        DeliveryEngine e = engine(telegram);
        e.start();
        clock.set(DUE);
        e.slotDue(EIGHT, DUE);

        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> telegram.attempts().size() == 1 && rowsOf(s).get(0).status() == DeliveryStatus.PENDING);
        clock.advance(Duration.ofSeconds(34));
        e.wake();
        clock.advance(Duration.ofSeconds(1));
        awaitFinished(1);

        assertThat(telegram.attempts()).hasSize(2);
        assertThat(telegram.deliveredChatIds()).containsExactly("9");
        assertThat(rowsOf(s)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isZero();
        });
        assertThat(e.stats().rateLimited()).isEqualTo(1);
    }

    @Test
    void aForbiddenChatLosesItsSubscription() {
        Subscription s = subscribe("5", Mode.DAILY);
        telegram.script("5", new SendOutcome.Forbidden("Forbidden: bot was blocked by the user"));
        DeliveryEngine e = engine(telegram);
        e.start();
        clock.set(DUE);
        e.slotDue(EIGHT, DUE);
        awaitFinished(1);

        assertThat(subscriptions.byId(s.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.FORBIDDEN);
        assertThat(rowsOf(s)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.detail()).contains("bot was blocked by the user");
        });
        LocalDate next = DAY.plusDays(1);
        assertThat(e.slotDue(EIGHT, EIGHT.dueOn(next))).isZero();
    }

    @Test
    void aMigratedChatKeepsItsSubscriptionAndGetsThePostAtItsNewId() {
        ChatRef group = new ChatRef(Platform.TELEGRAM, "-4001", ChatType.GROUP);
        Subscription s = subscriptions.save(group, EIGHT, Mode.DAILY, "zh", DUE.minusSeconds(60));
        telegram.script("-4001", new SendOutcome.Migrated("-1004001"));
        DeliveryEngine e = engine(telegram);
        e.start();
        clock.set(DUE);
        e.slotDue(EIGHT, DUE);
        awaitFinished(1);

        assertThat(telegram.deliveredChatIds()).containsExactly("-1004001");
        assertThat(subscriptions.byId(s.id()).orElseThrow().chat()).isEqualTo(group.withId("-1004001"));
        assertThat(rowsOf(s)).singleElement().satisfies(d -> assertThat(d.status())
                .isEqualTo(DeliveryStatus.SENT));
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffABoundedNumberOfTimes() {
        Subscription s = subscribe("3", Mode.DAILY);
        SendOutcome bad = new SendOutcome.Failed("502 Bad Gateway", true);
        telegram.script("3", bad, bad, bad, bad, bad, bad);
        DeliveryEngine e = engine(telegram);
        e.start();
        clock.set(DUE);
        e.slotDue(EIGHT, DUE);

        // maxAttempts 5; the backoff (30 s doubling, at most 30 min) is always under an hour
        for (int attempt = 1; attempt <= 5; attempt++) {
            int expected = attempt;
            await().atMost(10, TimeUnit.SECONDS).until(() -> telegram.attempts().size() >= expected);
            // the failure is recorded before the clock moves on
            await().atMost(10, TimeUnit.SECONDS).until(() -> rowsOf(s).get(0).status() != DeliveryStatus.SENDING);
            clock.advance(Duration.ofHours(1));
            e.wake();
        }
        awaitFinished(1);

        assertThat(telegram.attempts()).hasSize(5);
        assertThat(rowsOf(s)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.detail()).isEqualTo("gave up after 5 attempts: 502 Bad Gateway");
        });
    }

    @Test
    void aPostHeldUpPastTheGraceIsSkippedNotSentLate() {
        Subscription s = subscribe("4", Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        clock.set(DUE.plus(Duration.ofHours(6)).plusSeconds(1));
        DeliveryEngine e = engine(telegram, config(), deliveries);
        e.start();
        awaitFinished(1);

        assertThat(telegram.attempts()).isEmpty();
        assertThat(rowsOf(s)).singleElement().satisfies(d -> assertThat(d.status())
                .isEqualTo(DeliveryStatus.SKIPPED));
    }

    @Test
    void anUnsubscribedChatGetsNoPostThatWasAlreadyQueued() {
        Subscription s = subscribe("6", Mode.DAILY);
        deliveries.enqueue(EIGHT, DAY, DUE);
        subscriptions.unsubscribe(s.chat(), DUE.minusSeconds(1));
        clock.set(DUE);
        engine(telegram).start();
        awaitFinished(1);

        assertThat(telegram.attempts()).isEmpty();
        assertThat(rowsOf(s)).singleElement().satisfies(d -> assertThat(d.status())
                .isEqualTo(DeliveryStatus.SKIPPED));
    }

    @Test
    void theEngineWorksWithAnyMessengerAndStopsGracefully() {
        ChatRef console = new ChatRef(Platform.CONSOLE, "console", ChatType.PRIVATE);
        subscriptions.save(console, EIGHT, Mode.SEQUENTIAL, "zh", DUE.minusSeconds(60));
        List<String> printed = new ArrayList<>();
        Messenger printer = new Messenger() {
            @Override
            public Platform platform() {
                return Platform.CONSOLE;
            }

            @Override
            public synchronized SendOutcome send(ChatRef chat, Reply reply) {
                printed.add(reply.title().orElse("") + "\n" + reply.plainText());
                return new SendOutcome.Sent("console-" + printed.size());
            }
        };
        DeliveryEngine e = engine(printer);
        e.start();
        clock.set(DUE);
        e.slotDue(EIGHT, DUE);
        awaitFinished(1);
        e.stop();

        assertThat(printed)
                .singleElement()
                .asString()
                .startsWith("通读 · 第 1 条摘录，共 " + ROTATION.pool().size() + " 条")
                .contains(ROTATION.pool().get(0).text());
    }

    /**
     * A platform whose client closes in the middle of a fan-out: the first {@code free} sends go out; the next
     * {@code held} wait in send() until {@link #open()}, then the first of them fails the way a closed HTTP client
     * fails a call (OkHttp: "executor rejected", caused by a {@link RejectedExecutionException}), classified by
     * {@link NetworkFailures} as an adapter does, and the others go out.
     */
    static final class ClosingMessenger implements Messenger {
        final FakeMessenger delegate = new FakeMessenger(Platform.TELEGRAM);
        final CountDownLatch inFlight;
        private final CountDownLatch gate = new CountDownLatch(1);
        private final int free;
        private int calls;
        private volatile String rejectedChat;

        ClosingMessenger(int free, int held) {
            this.free = free;
            this.inFlight = new CountDownLatch(held);
        }

        void open() {
            gate.countDown();
        }

        String rejectedChat() {
            return rejectedChat;
        }

        @Override
        public Platform platform() {
            return Platform.TELEGRAM;
        }

        @Override
        public SendOutcome send(ChatRef chat, Reply reply) {
            int call;
            synchronized (this) {
                call = ++calls;
            }
            if (call > free) {
                inFlight.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SendOutcome.Failed("interrupted", true);
                }
            }
            if (call == free + 1) {
                rejectedChat = chat.id();
                InterruptedIOException failure = new InterruptedIOException("executor rejected");
                failure.initCause(new RejectedExecutionException("Task rejected from ThreadPoolExecutor[Terminated]"));
                delegate.script(
                        chat.id(),
                        new SendOutcome.Failed(failure.getMessage(), !NetworkFailures.mayHaveArrived(failure)));
            }
            return delegate.send(chat, reply);
        }
    }

    /** Passes the first {@code open} sends, then holds every send until {@link #open()}. */
    static final class GatedMessenger implements Messenger {
        final FakeMessenger delegate;
        private final int free;
        private final CountDownLatch gate = new CountDownLatch(1);
        private int calls;

        GatedMessenger(Platform platform, int free) {
            this.delegate = new FakeMessenger(platform);
            this.free = free;
        }

        void open() {
            gate.countDown();
        }

        @Override
        public Platform platform() {
            return delegate.platform();
        }

        @Override
        public SendOutcome send(ChatRef chat, Reply reply) {
            boolean wait;
            synchronized (this) {
                wait = ++calls > free;
            }
            if (wait) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SendOutcome.Failed("interrupted", true);
                }
            }
            return delegate.send(chat, reply);
        }
    }
}
