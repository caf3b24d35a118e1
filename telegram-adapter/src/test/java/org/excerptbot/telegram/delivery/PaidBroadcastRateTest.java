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
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
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
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;

/**
 * With the paid broadcast on, daily posts go out through the real adapter at Telegram's paid rate even when each
 * answer takes a real network's time: the fake Bot API answers every send 200 ms late and holds paid sends to 1,000
 * per sliding second. Keeping 980 posts/s moving at 200 ms each takes about 196 requests in flight (Little's law),
 * which the fake counts; a fixed handful of senders would never get there.
 */
class PaidBroadcastRateTest {
    private static final String TOKEN = "7000000001:AAE-paid_TEST-token-1234567890xyz";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    private static final Instant DUE = EIGHT.dueOn(LocalDate.of(2026, 3, 2));
    private static final Duration ROUND_TRIP = Duration.ofMillis(200);
    private static final int POSTS = 1_500;
    private static final long FIRST_CHAT = 8_100_000;

    @Test
    void thePaidRateKeepsEnoughSendsInFlightToBeReached() throws InterruptedException {
        MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(1)));
        Corpus corpus = CorpusLoader.loadPackaged();
        DailyRotation rotation = new DailyRotation(ExcerptPool.build(corpus), DailyRotation.DEFAULT_SEED);
        Messages messages = Messages.load();
        try (TestDb db = TestDb.h2();
                FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            for (int i = 0; i < POSTS; i++) {
                long chat = FIRST_CHAT + i;
                api.user(chat, "reader" + i, "zh");
                subscriptions.save(
                        new ChatRef(Platform.TELEGRAM, String.valueOf(chat), ChatType.PRIVATE),
                        EIGHT,
                        Mode.DAILY,
                        "zh",
                        clock.instant());
            }
            api.limitSendRate(30, 1000);
            api.delaySends(ROUND_TRIP);
            // as the application configures the paid broadcast; the senders are sized from this rate
            DeliveryConfig config = DeliveryConfig.builder()
                    .idlePoll(Duration.ofMillis(20))
                    .maxAttempts(1)
                    .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM.withRate(1000))
                    .build();
            double paced = config.limitsOf(Platform.TELEGRAM).pacedPerSecond();
            int needed = (int) (paced * ROUND_TRIP.toMillis() / 1000);

            try (PlatformAdapter bot = startBot(api, subscriptions, corpus, rotation, messages, clock)) {
                DeliveryEngine engine = new DeliveryEngine(
                        deliveries,
                        subscriptions,
                        List.of(bot.messenger()),
                        new ExcerptPosts(corpus, rotation, messages),
                        clock,
                        config);
                engine.start();
                try {
                    clock.set(DUE);
                    assertThat(engine.slotDue(EIGHT, DUE)).isEqualTo(POSTS);
                    await().atMost(60, TimeUnit.SECONDS)
                            .until(() -> engine.stats().sent() + engine.stats().failed() == POSTS);
                } finally {
                    engine.stop();
                }
            }
            assertThat(api.calls("sendMessage"))
                    .as("every post accepted at once, none refused by the paid limit")
                    .hasSize(POSTS)
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
            assertThat(api.paidMessages()).isEqualTo(POSTS);
            // what 980/s needs at 200 ms, less a tenth for the ramp-up and a busy machine; 8 senders would be 8
            assertThat(api.mostSendsAtOnce()).isGreaterThanOrEqualTo(needed * 9 / 10);
        }
    }

    private static PlatformAdapter startBot(
            FakeBotApi api,
            JdbcSubscriptionStore subscriptions,
            Corpus corpus,
            DailyRotation rotation,
            Messages messages,
            MutableClock clock)
            throws InterruptedException {
        CommandDispatcher dispatcher = new CommandDispatcher(
                CommandRegistry.of(List.of()),
                messages,
                new FloodControl(20, clock),
                CommandDispatcher.OwnerCheck.NOBODY);
        TelegramSettings settings = TelegramSettings.of(TOKEN, URI.create(api.url()))
                .withPollTimeout(Duration.ofSeconds(2))
                .withMaxBackOff(Duration.ofMillis(400))
                .withPaidBroadcast(true);
        PlatformAdapter bot = new TelegramPlatformFactory(settings)
                .create(new PlatformContext(
                        dispatcher,
                        messages,
                        corpus,
                        rotation,
                        LuceneSearchIndex.build(corpus),
                        new SubscriptionChatStatus(subscriptions, clock),
                        SHANGHAI,
                        clock));
        bot.start();
        return bot;
    }
}
