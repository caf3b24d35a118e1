package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.delivery.Unpublished;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.excerptbot.discord.fake.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daily post in an announcement channel that Discord does not publish to the following servers: the post counts as
 * delivered, the publish is not retried, and {@code /status} tells the admin why the followers did not get it.
 */
class DiscordAnnouncementStatusTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot SLOT = new Slot(LocalTime.of(7, 30), SHANGHAI);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Instant DUE = SLOT.dueOn(DAY);
    private static final Texts ZH = DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static final Texts EN = DiscordBot.MESSAGES.texts(Locale.ENGLISH);
    private static final long ADMIN = FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD;
    private static final String CROSSPOST = "channels/*/messages/*/crosspost";

    private final MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(1)));
    private final DailyRotation rotation =
            new DailyRotation(ExcerptPool.build(DiscordBot.CORPUS), DailyRotation.DEFAULT_SEED);
    private SubscribedDiscord setup;
    private JdbcSubscriptionStore subscriptions;
    private JdbcDeliveryStore deliveries;
    private DiscordBot bot;
    private FakeDiscord discord;
    private DeliveryEngine engine;

    @BeforeEach
    void start() throws InterruptedException {
        setup = new SubscribedDiscord(clock, rotation, SHANGHAI, fake -> fake.testGuildWithNews(DiscordBot.MODERATORS));
        subscriptions = setup.subscriptions;
        deliveries = setup.deliveries;
        bot = setup.bot;
        discord = setup.discord;
        engine = setup.engine;
    }

    @AfterEach
    void stop() {
        if (setup != null) setup.close();
    }

    @Test
    void theEleventhPublishOfTheHourIsRefusedOnceAndStatusSaysWhy() {
        FakeMessage subscribed = discord.awaitReply(asAdmin(discord.slash("subscribe"))
                .option("channel", discord.news)
                .option("time", "07:30")
                .send());
        assertThat(subscribed.text()).contains(ZH.get("subscribe.created"));
        // moderators have published ten announcements in #news this hour already, which the bot's own count of its
        // publishes knows nothing of
        discord.publishedByOthers(discord.news, 10);

        Delivery row = deliver();

        List<RecordedCall> publishes = discord.calls("POST", CROSSPOST);
        assertThat(publishes).hasSize(1);
        RecordedCall refused = publishes.get(0);
        assertThat(refused.status()).isEqualTo(429);
        FakeMessage post = discord.messagesIn(discord.news).get(0);
        assertThat(refused.path()).endsWith(post.id() + "/crosspost");
        assertThat(post.crossposted()).isFalse();
        assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(row.messageId()).isEqualTo(post.id());

        FakeMessage status = discord.awaitReply(
                asAdmin(discord.slash("status")).option("channel", discord.news).send());
        assertThat(status.text())
                .contains(ZH.get("status.last", "2026-11-30 07:30", ZH.get("status.sent.unpublished.rate.limited")))
                .contains(ZH.get("status.next", "2026-12-01 07:30"));
        assertThat(discord.calls("POST", CROSSPOST)).as("never retried").hasSize(1);

        // the wait is the 429 body's retry_after (most of an hour), not its headers' one second: a post a minute
        // later is not offered for publishing at all
        clock.advance(Duration.ofMinutes(1));
        SendOutcome later = bot.adapter
                .messenger()
                .send(new ChatRef(Platform.DISCORD, discord.news.id(), ChatType.CHANNEL), Reply.notice("补充"));
        assertThat(later).isInstanceOfSatisfying(SendOutcome.Sent.class, sent -> assertThat(sent.unpublished())
                .hasValueSatisfying(u -> assertThat(u.reason()).isEqualTo(Unpublished.Reason.RATE_LIMITED)));
        assertThat(discord.calls("POST", CROSSPOST)).hasSize(1);
    }

    @Test
    void aPublishRefusedForWantOfPermissionIsShownInEnglish() {
        discord.awaitReply(asAdmin(discord.slash("subscribe"))
                .by(discord.englishReader)
                .option("channel", discord.news)
                .option("time", "07:30")
                .send());
        discord.refuseNext("POST", CROSSPOST, 403, 50013, "Missing Permissions");

        Delivery row = deliver();

        assertThat(discord.calls("POST", CROSSPOST)).singleElement().satisfies(c -> assertThat(c.status())
                .isEqualTo(403));
        assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
        FakeMessage status = discord.awaitReply(asAdmin(discord.slash("status"))
                .by(discord.englishReader)
                .option("channel", discord.news)
                .send());
        assertThat(status.text())
                .contains(EN.get("status.last", "2026-11-30 07:30", EN.get("status.sent.unpublished.permission")));
        assertThat(subscriptions.find(new ChatRef(Platform.DISCORD, discord.news.id(), ChatType.GROUP)))
                .hasValueSatisfying(s -> assertThat(s.active())
                        .as("the channel still takes posts")
                        .isTrue());
    }

    @Test
    void aPublishedPostIsShownAsDelivered() {
        discord.awaitReply(asAdmin(discord.slash("subscribe"))
                .option("channel", discord.news)
                .option("time", "07:30")
                .send());

        deliver();

        assertThat(discord.messagesIn(discord.news).get(0).crossposted()).isTrue();
        FakeMessage status = discord.awaitReply(
                asAdmin(discord.slash("status")).option("channel", discord.news).send());
        assertThat(status.text()).contains(ZH.get("status.last", "2026-11-30 07:30", ZH.get("status.sent")));
    }

    /** Runs the 07:30 slot and waits for its one post to be recorded as finished; returns its row. */
    private Delivery deliver() {
        engine.start();
        clock.set(DUE);
        assertThat(engine.slotDue(SLOT, DUE)).isEqualTo(1);
        Subscription s = subscriptions.all().get(0);
        return await("the daily post recorded")
                .until(
                        () -> deliveries.latest(s.id()),
                        d -> d.isPresent() && d.get().status().finished())
                .orElseThrow();
    }

    private static org.excerptbot.discord.fake.InteractionBuilder asAdmin(
            org.excerptbot.discord.fake.InteractionBuilder interaction) {
        return interaction.roles(DiscordBot.MODERATORS).permissions(ADMIN);
    }
}
