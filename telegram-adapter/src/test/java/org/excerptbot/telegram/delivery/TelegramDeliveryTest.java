package org.excerptbot.telegram.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Daily posts end to end: subscriptions in a real store (H2, and PostgreSQL when one is reachable), the
 * {@link DeliveryEngine} with Telegram's limits and an injected clock, the adapter's messenger (its own sendMessage
 * over the adapter's OkHttp client) and the fake Bot API answering 403, 429 and a chat migration as Telegram does, and
 * card schedules posted as photos. Asserts what each chat shows
 * and what the store holds.
 */
class TelegramDeliveryTest {
    private static final String TOKEN = "7000000001:AAE-delivery_TEST-token-1234567890xyz";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Instant DUE = EIGHT.dueOn(DAY);
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final DailyRotation ROTATION =
            new DailyRotation(ExcerptPool.build(CORPUS), DailyRotation.DEFAULT_SEED);
    private static final SearchIndex SEARCH = LuceneSearchIndex.build(CORPUS);

    private static final long ALICE = 1001;
    private static final long BLOCKER = 1002;
    private static final long BUSY = 1003;
    private static final long GROUP = -2001;
    private static final long SUPERGROUP = -1_000_000_002_001L;
    private static final Slot MORNING = new Slot(LocalTime.of(7, 30), SHANGHAI);
    private static final Slot EVENING = new Slot(LocalTime.of(21, 0), SHANGHAI);
    /** A Friday. */
    private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);

    private static final long READERS = -3001;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void blockedRateLimitedAndMigratedChatsEachGetWhatTheyShould(Supplier<TestDb> open) throws InterruptedException {
        MutableClock clock = new MutableClock(DUE.minusSeconds(3600));
        try (TestDb db = open.get();
                FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            api.user(ALICE, "Alice", "en");
            api.user(BLOCKER, "Blocker", "en");
            api.user(BUSY, "Busy", "en");
            api.chat(GROUP, "group", "Readers");
            Subscription aliceSub = subscribe(subscriptions, ALICE, ChatType.PRIVATE);
            Subscription blockerSub = subscribe(subscriptions, BLOCKER, ChatType.PRIVATE);
            Subscription busySub = subscribe(subscriptions, BUSY, ChatType.PRIVATE);
            Subscription groupSub = subscribe(subscriptions, GROUP, ChatType.GROUP);
            api.forbid(BLOCKER, "Forbidden: bot was blocked by the user");
            api.rateLimit(BUSY, 35, 1);
            api.upgradeUnseen(GROUP, SUPERGROUP);

            try (PlatformAdapter bot = startBot(api, subscriptions, clock)) {
                DeliveryEngine engine = engine(deliveries, subscriptions, bot, clock);
                engine.start();
                try {
                    clock.set(DUE);
                    assertThat(engine.slotDue(EIGHT, DUE)).isEqualTo(4);

                    // the 429 (retry_after 35 s) puts the busy chat's post back in the queue
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> statusOf(deliveries, busySub) == DeliveryStatus.PENDING
                                    && engine.stats().rateLimited() == 1);
                    assertThat(api.messages(BUSY)).isEmpty();
                    // it goes out once retry_after is over, not before
                    clock.advance(Duration.ofSeconds(35));
                    engine.wake();
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 3
                                    && statusOf(deliveries, blockerSub) == DeliveryStatus.FAILED);

                    String title = "Excerpt of the day · 2026-03-02";
                    String excerpt = ROTATION.excerptFor(DAY).text();
                    assertThat(api.messages(ALICE)).singleElement().satisfies(m -> assertThat(m.text())
                            .contains(title, excerpt));
                    assertThat(api.messages(BUSY)).singleElement().satisfies(m -> assertThat(m.text())
                            .contains(title, excerpt));
                    assertThat(api.messages(SUPERGROUP)).singleElement().satisfies(m -> assertThat(m.text())
                            .contains(title, excerpt));
                    assertThat(api.messages(GROUP)).isEmpty();
                    assertThat(api.messages(BLOCKER)).isEmpty();
                    assertThat(sendsTo(api, BUSY)).containsExactly(429, 200);
                    assertThat(sendsTo(api, GROUP)).containsExactly(400);

                    assertThat(subscriptions.byId(blockerSub.id()).orElseThrow().status())
                            .isEqualTo(SubscriptionStatus.FORBIDDEN);
                    assertThat(deliveries.forSubscription(blockerSub.id()))
                            .singleElement()
                            .satisfies(d -> assertThat(d.detail()).contains("bot was blocked by the user"));
                    assertThat(subscriptions.byId(groupSub.id()).orElseThrow().chat())
                            .isEqualTo(new ChatRef(Platform.TELEGRAM, String.valueOf(SUPERGROUP), ChatType.GROUP));
                    for (Subscription s : List.of(aliceSub, busySub, groupSub)) {
                        assertThat(deliveries.forSubscription(s.id()))
                                .singleElement()
                                .satisfies(d -> {
                                    assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
                                    assertThat(d.localDate()).isEqualTo(DAY);
                                });
                    }
                    assertThat(deliveries.forSubscription(busySub.id()).get(0).attempts())
                            .as("a 429 is not a failed attempt")
                            .isZero();

                    // the next day: the blocked chat gets nothing and is not even tried; the others one post each
                    LocalDate next = DAY.plusDays(1);
                    clock.set(EIGHT.dueOn(next));
                    assertThat(engine.slotDue(EIGHT, EIGHT.dueOn(next))).isEqualTo(3);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 6);
                    for (long chat : List.of(ALICE, BUSY, SUPERGROUP)) {
                        assertThat(api.messages(chat)).hasSize(2);
                        assertThat(api.last(chat).text()).contains("Excerpt of the day · 2026-03-03");
                    }
                    assertThat(sendsTo(api, BLOCKER)).containsExactly(403);
                    assertThat(sendsTo(api, GROUP)).containsExactly(400);
                    assertThat(deliveries.forSubscription(blockerSub.id())).hasSize(1);
                } finally {
                    engine.stop();
                }
            }
        }
    }

    /**
     * A card schedule's daily post: one sendPhoto captioned with the citation, once per local date whatever queues it
     * again, through a 429, and only on the schedule's days; the same chat's text schedule posts text.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void aCardScheduleSendsItsCardOncePerDayOnItsDaysOnly(Supplier<TestDb> open) throws InterruptedException {
        MutableClock clock = new MutableClock(MORNING.dueOn(FRIDAY).minusSeconds(3600));
        try (TestDb db = open.get();
                FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            api.chat(READERS, "group", "Readers");
            ChatRef group = new ChatRef(Platform.TELEGRAM, String.valueOf(READERS), ChatType.GROUP);
            Subscription card = subscriptions.save(
                    group, new Schedule(MORNING, Mode.DAILY, Days.WEEKDAYS, Format.CARD), "zh", clock.instant());
            Subscription text = subscriptions.save(
                    group, new Schedule(EVENING, Mode.SEQUENTIAL, Days.EVERY_DAY, Format.TEXT), "zh", clock.instant());
            api.rateLimit(READERS, 35, 1);

            try (PlatformAdapter bot = startBot(api, subscriptions, clock)) {
                DeliveryEngine engine = engine(deliveries, subscriptions, bot, clock);
                engine.start();
                try {
                    clock.set(MORNING.dueOn(FRIDAY));
                    assertThat(engine.slotDue(MORNING, MORNING.dueOn(FRIDAY))).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().rateLimited() == 1);
                    assertThat(api.messages(READERS)).isEmpty();
                    clock.advance(Duration.ofSeconds(35));
                    engine.wake();
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 1);
                    // the slot fires again (a restart, a second instance): the day's row already exists
                    assertThat(engine.slotDue(MORNING, MORNING.dueOn(FRIDAY))).isZero();

                    Excerpt excerpt = ROTATION.excerptFor(FRIDAY);
                    String citation = Citations.of(
                                    CORPUS, excerpt.ref(), Messages.load().texts(Messages.CHINESE))
                            .line();
                    assertThat(api.messages(READERS)).singleElement().satisfies(m -> {
                        assertThat(m.photo()).as("sent with sendPhoto").isNotNull();
                        assertThat(m.photo().uploaded()).isTrue();
                        assertThat(m.photo().width()).isEqualTo(1080);
                        assertThat(m.text()).startsWith(citation);
                    });
                    assertThat(api.calls("sendPhoto"))
                            .extracting(FakeBotApi.Call::status)
                            .containsExactly(429, 200);
                    assertThat(api.calls("sendMessage")).isEmpty();
                    assertThat(deliveries.latest(card.id())).get().satisfies(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
                        assertThat(d.detail()).startsWith("429");
                    });

                    // the evening text schedule of the same chat posts text, its own once
                    clock.set(EVENING.dueOn(FRIDAY));
                    assertThat(engine.slotDue(EVENING, EVENING.dueOn(FRIDAY))).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 2);
                    assertThat(api.last(READERS).photo()).isNull();
                    assertThat(api.last(READERS).text()).contains("通读 · 第 1 条摘录");

                    // Saturday: the weekday card schedule is not queued at all; the every-day one is
                    LocalDate saturday = FRIDAY.plusDays(1);
                    clock.set(MORNING.dueOn(saturday));
                    assertThat(engine.slotDue(MORNING, MORNING.dueOn(saturday))).isZero();
                    clock.set(EVENING.dueOn(saturday));
                    assertThat(engine.slotDue(EVENING, EVENING.dueOn(saturday))).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 3);
                    assertThat(api.calls("sendPhoto")).hasSize(2);
                    assertThat(deliveries.forSubscription(card.id()))
                            .extracting(Delivery::localDate)
                            .containsExactly(FRIDAY);
                    assertThat(deliveries.forSubscription(text.id())).hasSize(2);
                } finally {
                    engine.stop();
                }
            }
        }
    }

    @Test
    void theMessengerMapsEachAnswerOfTheBotApiToItsOutcome() throws InterruptedException {
        List<String> forbidden = new CopyOnWriteArrayList<>();
        ChatStatusListener listener = new ChatStatusListener() {
            @Override
            public void chatForbidden(ChatRef chat, String reason) {
                forbidden.add(chat.id() + ": " + reason);
            }

            @Override
            public void chatMigrated(ChatRef chat, String newChatId) {}
        };
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                PlatformAdapter bot = startBot(api, listener, new MutableClock(DUE))) {
            api.user(ALICE, "Alice", "en");
            api.user(BLOCKER, "Blocker", "en");
            ChatRef alice = new ChatRef(Platform.TELEGRAM, String.valueOf(ALICE), ChatType.PRIVATE);
            ChatRef blocker = new ChatRef(Platform.TELEGRAM, String.valueOf(BLOCKER), ChatType.PRIVATE);
            Reply post = Reply.notice("<today's> excerpt & more");

            api.fail("sendMessage", 502, "Bad Gateway", 1);
            assertThat(bot.messenger().send(alice, post)).isEqualTo(new SendOutcome.Failed("502 Bad Gateway", true));
            api.disconnect("sendMessage", 1);
            // the request reached the Bot API and the connection dropped: it may have been delivered, so at most once
            assertThat(bot.messenger().send(alice, post)).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
                assertThat(f.retryable()).isFalse();
                assertThat(f.reason()).contains("may have arrived; not sent again");
            });
            api.fail("sendMessage", 400, "Bad Request: message is too long", 1);
            assertThat(bot.messenger().send(alice, post))
                    .isEqualTo(new SendOutcome.Failed("400 Bad Request: message is too long", false));
            api.rateLimit(ALICE, 7, 1);
            assertThat(bot.messenger().send(alice, post)).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(7)));
            assertThat(api.messages(ALICE)).isEmpty();
            assertThat(sendsTo(api, ALICE))
                    .as("one request per send: a dropped connection is not silently tried again")
                    .containsExactly(502, 0, 400, 429);

            SendOutcome sent = bot.messenger().send(alice, post);
            assertThat(api.messages(ALICE)).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo("<today's> excerpt & more");
                assertThat(sent).isEqualTo(new SendOutcome.Sent(String.valueOf(m.messageId())));
            });

            api.forbid(BLOCKER, "Forbidden: bot was blocked by the user");
            assertThat(bot.messenger().send(blocker, post))
                    .isEqualTo(new SendOutcome.Forbidden("Forbidden: bot was blocked by the user"));
            assertThat(bot.messenger().send(blocker, post)).isInstanceOf(SendOutcome.Forbidden.class);
            assertThat(sendsTo(api, BLOCKER)).as("not tried again once refused").containsExactly(403);
            assertThat(forbidden).containsExactly(BLOCKER + ": Forbidden: bot was blocked by the user");
        }
    }

    private static Subscription subscribe(JdbcSubscriptionStore store, long chatId, ChatType type) {
        ChatRef chat = new ChatRef(Platform.TELEGRAM, String.valueOf(chatId), type);
        return store.save(chat, EIGHT, Mode.DAILY, "en", DUE.minus(Duration.ofDays(10)));
    }

    private static PlatformAdapter startBot(FakeBotApi api, JdbcSubscriptionStore subscriptions, MutableClock clock)
            throws InterruptedException {
        return startBot(api, new SubscriptionChatStatus(subscriptions, clock), clock);
    }

    private static PlatformAdapter startBot(FakeBotApi api, ChatStatusListener listener, MutableClock clock)
            throws InterruptedException {
        CommandRegistry registry =
                CommandRegistry.of(List.of(CommandSpec.everyone("ping", List.of(), c -> Reply.notice("pong"))));
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry, Messages.load(), new FloodControl(20, clock), CommandDispatcher.OwnerCheck.NOBODY);
        TelegramSettings settings = TelegramSettings.of(TOKEN, URI.create(api.url()))
                .withPollTimeout(Duration.ofSeconds(2))
                .withMaxBackOff(Duration.ofMillis(400));
        PlatformAdapter bot = new TelegramPlatformFactory(settings)
                .create(new PlatformContext(
                        dispatcher, Messages.load(), CORPUS, ROTATION, SEARCH, listener, SHANGHAI, clock));
        bot.start();
        return bot;
    }

    private static DeliveryEngine engine(
            JdbcDeliveryStore deliveries,
            JdbcSubscriptionStore subscriptions,
            PlatformAdapter bot,
            MutableClock clock) {
        return new DeliveryEngine(
                deliveries,
                subscriptions,
                List.of(bot.messenger()),
                new ExcerptPosts(CORPUS, ROTATION, Messages.load()),
                clock,
                DeliveryConfig.builder()
                        .idlePoll(Duration.ofMillis(20))
                        .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM)
                        .build());
    }

    private static DeliveryStatus statusOf(JdbcDeliveryStore deliveries, Subscription s) {
        List<Delivery> rows = deliveries.forSubscription(s.id());
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).status();
    }

    /** The statuses the fake answered to each sendMessage to this chat id, in order. */
    private static List<Integer> sendsTo(FakeBotApi api, long chatId) {
        return api.calls("sendMessage").stream()
                .filter(c -> c.chatId() == chatId)
                .map(FakeBotApi.Call::status)
                .toList();
    }
}
