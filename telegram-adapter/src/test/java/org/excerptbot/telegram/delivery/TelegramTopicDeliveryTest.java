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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionCommands;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Call;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Daily posts into forum topics, end to end: {@code /subscribe} written in a topic (the real subscription commands
 * and store), the {@link DeliveryEngine}, the adapter's messenger and the fake Bot API. The post goes into the topic,
 * without a link preview and, unless the paid broadcast is on, without {@code allow_paid_broadcast}; a topic closed
 * since is refused by Telegram and the post fails without disabling the chat.
 */
class TelegramTopicDeliveryTest {
    private static final String TOKEN = "7000000001:AAE-topics_TEST-token-1234567890xyz";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Instant DUE = EIGHT.dueOn(DAY);
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final ExcerptPool POOL = ExcerptPool.build(CORPUS);
    private static final DailyRotation ROTATION = new DailyRotation(POOL, DailyRotation.DEFAULT_SEED);
    private static final SearchIndex SEARCH = LuceneSearchIndex.build(CORPUS);
    private static final long FORUM = -1_000_000_888_001L;
    private static final long ADMIN = 7401;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void aSubscriptionMadeInATopicPostsIntoThatTopic(Supplier<TestDb> open) throws InterruptedException {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(2)));
        try (TestDb db = open.get();
                FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            api.forum(FORUM, "Readers' forum");
            int topic = api.topic(FORUM, "Excerpt of the day");
            User admin = api.user(ADMIN, "Ann", "en");
            api.admins(FORUM, ADMIN);

            try (PlatformAdapter bot = startBot(api, subscriptions, clock, false)) {
                api.sendInTopic(admin, FORUM, topic, "/subscribe 08:00 Asia/Shanghai");
                await().until(() -> api.messages(FORUM).size() == 1);
                assertThat(api.last(FORUM).thread()).isEqualTo(topic);
                Subscription sub = subscriptions
                        .find(new ChatRef(Platform.TELEGRAM, String.valueOf(FORUM), ChatType.GROUP))
                        .orElseThrow();
                assertThat(sub.chat().thread()).contains(String.valueOf(topic));

                DeliveryEngine engine = engine(deliveries, subscriptions, bot, clock);
                engine.start();
                try {
                    clock.set(DUE);
                    assertThat(engine.slotDue(EIGHT, DUE)).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 1);

                    Shown post = api.last(FORUM);
                    assertThat(post.text())
                            .contains(
                                    "Excerpt of the day · 2026-03-02",
                                    ROTATION.excerptFor(DAY).text());
                    assertThat(post.thread()).isEqualTo(topic);
                    assertThat(post.replyTo()).isNull();
                    Call call = api.calls("sendMessage").get(1);
                    assertThat(call.params().path("message_thread_id").asInt()).isEqualTo(topic);
                    assertThat(call.params()
                                    .path("link_preview_options")
                                    .path("is_disabled")
                                    .asBoolean())
                            .isTrue();
                    assertThat(call.params().has("allow_paid_broadcast")).isFalse();

                    // the topic is closed before the next day's post: Telegram refuses it, the chat stays subscribed
                    api.closeTopic(FORUM, topic);
                    LocalDate next = DAY.plusDays(1);
                    clock.set(EIGHT.dueOn(next));
                    assertThat(engine.slotDue(EIGHT, EIGHT.dueOn(next))).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> lastStatus(deliveries, sub) == DeliveryStatus.FAILED);
                    List<Delivery> rows = deliveries.forSubscription(sub.id());
                    assertThat(rows.get(rows.size() - 1).detail()).contains("TOPIC_CLOSED");
                    assertThat(subscriptions.byId(sub.id()).orElseThrow().active())
                            .isTrue();
                    assertThat(api.messages(FORUM)).hasSize(2);
                } finally {
                    engine.stop();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void withThePaidBroadcastOnOnlyDailyPostsAskForIt(Supplier<TestDb> open) throws InterruptedException {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(2)));
        try (TestDb db = open.get();
                FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            User admin = api.user(ADMIN, "Ann", "en");

            try (PlatformAdapter bot = startBot(api, subscriptions, clock, true)) {
                api.send(admin, "/subscribe 08:00 Asia/Shanghai");
                await().until(() -> api.messages(ADMIN).size() == 1);
                DeliveryEngine engine = engine(deliveries, subscriptions, bot, clock);
                engine.start();
                try {
                    clock.set(DUE);
                    assertThat(engine.slotDue(EIGHT, DUE)).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() == 1);
                } finally {
                    engine.stop();
                }
                List<Call> sends = api.calls("sendMessage");
                assertThat(sends).hasSize(2);
                assertThat(sends.get(0).params().has("allow_paid_broadcast"))
                        .as("the reply to /subscribe")
                        .isFalse();
                assertThat(sends.get(1).params().path("allow_paid_broadcast").isBoolean())
                        .isTrue();
                assertThat(sends.get(1).params().path("allow_paid_broadcast").asBoolean())
                        .as("the daily post")
                        .isTrue();
                assertThat(api.last(ADMIN).text()).contains("Excerpt of the day · 2026-03-02");
            }
        }
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
                        .maxAttempts(1)
                        .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM)
                        .build());
    }

    private static PlatformAdapter startBot(
            FakeBotApi api, JdbcSubscriptionStore subscriptions, MutableClock clock, boolean paidBroadcast)
            throws InterruptedException {
        SubscriptionService service = new SubscriptionService(subscriptions, SHANGHAI, clock, SlotListener.NONE);
        CommandRegistry registry = CommandRegistry.of(new SubscriptionCommands(service, POOL::size).specs());
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry, Messages.load(), new FloodControl(20, clock), CommandDispatcher.OwnerCheck.NOBODY);
        TelegramSettings settings = TelegramSettings.of(TOKEN, URI.create(api.url()))
                .withPollTimeout(Duration.ofSeconds(2))
                .withMaxBackOff(Duration.ofMillis(400))
                .withPaidBroadcast(paidBroadcast);
        PlatformAdapter bot = new TelegramPlatformFactory(settings)
                .create(new PlatformContext(
                        dispatcher,
                        Messages.load(),
                        CORPUS,
                        ROTATION,
                        SEARCH,
                        new SubscriptionChatStatus(subscriptions, clock),
                        SHANGHAI,
                        clock));
        bot.start();
        return bot;
    }

    private static DeliveryStatus lastStatus(JdbcDeliveryStore deliveries, Subscription s) {
        List<Delivery> rows = deliveries.forSubscription(s.id());
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).status();
    }
}
