package org.excerptbot.telegram.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
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
import org.excerptbot.core.command.CommandSpec;
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
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A card schedule's daily post through the delivery engine and the fake Bot API: one sendPhoto captioned with the
 * citation, once per local date whatever queues it again, through a 429, and only on the schedule's days.
 */
class TelegramCardPostTest {
    private static final String TOKEN = "7000000002:AAE-cardpost_TEST-token-1234567890xy";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot MORNING = new Slot(LocalTime.of(7, 30), SHANGHAI);
    private static final Slot EVENING = new Slot(LocalTime.of(21, 0), SHANGHAI);
    /** A Friday. */
    private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);

    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final DailyRotation ROTATION =
            new DailyRotation(ExcerptPool.build(CORPUS), DailyRotation.DEFAULT_SEED);
    private static final long GROUP = -3001;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.excerptbot.core.store.TestDb#both")
    void aCardScheduleSendsItsCardOncePerDayOnItsDaysOnly(Supplier<TestDb> open) throws InterruptedException {
        MutableClock clock = new MutableClock(MORNING.dueOn(FRIDAY).minusSeconds(3600));
        try (TestDb db = open.get();
                FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            api.chat(GROUP, "group", "Readers");
            ChatRef group = new ChatRef(Platform.TELEGRAM, String.valueOf(GROUP), ChatType.GROUP);
            Subscription card = subscriptions.save(
                    group, new Schedule(MORNING, Mode.DAILY, Days.WEEKDAYS, Format.CARD), "zh", clock.instant());
            Subscription text = subscriptions.save(
                    group, new Schedule(EVENING, Mode.SEQUENTIAL, Days.EVERY_DAY, Format.TEXT), "zh", clock.instant());
            api.rateLimit(GROUP, 35, 1);

            try (PlatformAdapter bot = startBot(api, subscriptions, clock)) {
                DeliveryEngine engine = new DeliveryEngine(
                        deliveries,
                        subscriptions,
                        List.of(bot.messenger()),
                        new ExcerptPosts(CORPUS, ROTATION, Messages.load()),
                        clock,
                        DeliveryConfig.builder()
                                .idlePoll(Duration.ofMillis(20))
                                .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM)
                                .build());
                engine.start();
                try {
                    clock.set(MORNING.dueOn(FRIDAY));
                    assertThat(engine.slotDue(MORNING, MORNING.dueOn(FRIDAY))).isEqualTo(1);
                    await().atMost(20, TimeUnit.SECONDS)
                            .until(() -> engine.stats().rateLimited() == 1);
                    assertThat(api.messages(GROUP)).isEmpty();
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
                    assertThat(api.messages(GROUP)).singleElement().satisfies(m -> {
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
                    assertThat(api.last(GROUP).photo()).isNull();
                    assertThat(api.last(GROUP).text()).contains("通读 · 第 1 条摘录");

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

    private static PlatformAdapter startBot(FakeBotApi api, JdbcSubscriptionStore subscriptions, MutableClock clock)
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
                        dispatcher,
                        Messages.load(),
                        CORPUS,
                        ROTATION,
                        LuceneSearchIndex.build(CORPUS),
                        new SubscriptionChatStatus(subscriptions, clock),
                        SHANGHAI,
                        clock));
        bot.start();
        return bot;
    }
}
