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
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.excerptbot.discord.fake.InteractionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channel subscriptions on Discord, end to end, in a server the bot has cached from GUILD_CREATE (as it always has in
 * production: JDA always asks for the GUILDS intent): the slash commands set them up (Manage Server, from the member's
 * roles, checked again on use),
 * the core's delivery engine posts the excerpt of the day to the channel through {@link DiscordMessenger}, and a
 * channel that lost the bot's access disables its subscription. A channel subscribed in zh-TW that chose no script gets
 * its posts in traditional characters, as /today reads there.
 */
class DiscordSubscriptionTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot SLOT = new Slot(LocalTime.of(7, 30), SHANGHAI);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Instant DUE = SLOT.dueOn(DAY);
    private static final Texts ZH = DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static final long ADMIN = FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD;
    private static final FakeDiscord.Role MODERATORS = DiscordBot.MODERATORS;
    /** No right of its own, but Manage Channels on #announcements through that channel's overwrite. */
    private static final FakeDiscord.User TAIWAN = new FakeDiscord.User("1300000000000000009", "tw_admin", "zh-TW");

    private static final FakeDiscord.Role ANNOUNCERS = new FakeDiscord.Role("1500000000000000002", "announcers", 0);

    private final MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(1)));
    private final DailyRotation rotation =
            new DailyRotation(ExcerptPool.build(DiscordBot.CORPUS), DailyRotation.DEFAULT_SEED);
    private SubscribedDiscord setup;
    private JdbcSubscriptionStore subscriptions;
    private FakeDiscord discord;
    private DeliveryEngine engine;

    @BeforeEach
    void start() throws InterruptedException {
        setup = new SubscribedDiscord(clock, rotation, SHANGHAI, fake -> fake.testGuild(MODERATORS, ANNOUNCERS)
                .with(new FakeDiscord.Overwrite(fake.announcements, ANNOUNCERS, FakeDiscord.MANAGE_CHANNELS, 0)));
        subscriptions = setup.subscriptions;
        discord = setup.discord;
        engine = setup.engine;
    }

    @AfterEach
    void stop() {
        if (setup != null) setup.close();
    }

    private static ChatRef channel(FakeDiscord.Channel c) {
        return new ChatRef(Platform.DISCORD, c.id(), ChatType.GROUP);
    }

    @Test
    void anAdminSubscribesAChannelAndTheDailyPostArrivesThere() {
        FakeMessage reply = discord.awaitReply(discord.slash("subscribe")
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("channel", discord.announcements)
                .option("time", "07:30")
                .option("timezone", "Asia/Shanghai")
                .option("mode", "daily")
                .send());
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.text()).contains(ZH.get("subscribe.created")).contains("07:30");
        assertThat(reply.channelId()).isEqualTo(discord.general.id());

        FakeMessage settings = discord.awaitReply(discord.slash("settings")
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("channel", discord.announcements)
                .send());
        assertThat(settings.text()).contains("07:30").contains("Asia/Shanghai");

        engine.start();
        clock.set(DUE);
        assertThat(engine.slotDue(SLOT, DUE)).isEqualTo(1);
        FakeMessage post = await("the daily post")
                .until(() -> discord.messagesIn(discord.announcements), l -> !l.isEmpty())
                .get(0);
        Excerpt today = rotation.excerptFor(DAY);
        assertThat(post.text()).isEqualTo(today.text());
        assertThat(post.footer()).contains("《");
        assertThat(post.buttonLabels())
                .containsExactly(
                        ZH.get("action.read.paragraph", today.ref().position()),
                        ZH.get("action.card"),
                        ZH.get("action.save"));
        // pressing the post's button opens the whole paragraph in place
        discord.press(post, ZH.get("action.read.paragraph", today.ref().position()));
        assertThat(discord.awaitEdit(post).text())
                .isEqualTo(
                        DiscordBot.CORPUS.paragraph(today.ref()).orElseThrow().text());
    }

    private void subscribe(FakeDiscord.User admin, FakeDiscord.Channel channel) {
        discord.awaitReply(discord.slash("subscribe")
                .by(admin)
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("channel", channel)
                .option("time", "07:30")
                .send());
    }

    @Test
    void aZhTwChannelWithoutAChoiceGetsItsPostInTraditionalAsTodayReadsThere() {
        subscribe(TAIWAN, discord.announcements);
        subscribe(discord.reader, discord.general);

        // the replies to /subscribe went to #general, where it was sent
        int inAnnouncements = discord.messagesIn(discord.announcements).size();
        int inGeneral = discord.messagesIn(discord.general).size();
        engine.start();
        clock.set(DUE);
        assertThat(engine.slotDue(SLOT, DUE)).isEqualTo(2);
        await("both daily posts")
                .until(() -> discord.messagesIn(discord.announcements).size() > inAnnouncements
                        && discord.messagesIn(discord.general).size() > inGeneral);

        String simplified = rotation.excerptFor(DAY).text();
        String traditional = ScriptConverter.hongKong().toTraditional(simplified);
        assertThat(traditional).as("the excerpt has characters to convert").isNotEqualTo(simplified);
        FakeMessage post = discord.messagesIn(discord.announcements).get(inAnnouncements);
        assertThat(post.text()).isEqualTo(traditional);
        assertThat(post.footer()).endsWith("（繁體轉換）");
        FakeMessage asWritten = discord.messagesIn(discord.general).get(inGeneral);
        assertThat(asWritten.text()).isEqualTo(simplified);
        assertThat(asWritten.footer()).doesNotContain("繁體轉換");

        FakeMessage today = discord.awaitReply(
                discord.slash("today").by(TAIWAN).in(discord.announcements).send());
        assertThat(today.text())
                .as("/today in the same chat agrees with its post")
                .contains(traditional);
    }

    @Test
    void aChannelThatLostTheBotsAccessIsDisabledAndTheOthersStillGetTheirPost() {
        for (FakeDiscord.Channel c : List.of(discord.general, discord.announcements)) {
            discord.awaitReply(discord.slash("subscribe")
                    .roles(MODERATORS)
                    .permissions(ADMIN)
                    .option("channel", c)
                    .option("time", "07:30")
                    .send());
        }
        discord.fault(discord.general, FakeDiscord.ChannelFault.MISSING_ACCESS);
        engine.start();
        clock.set(DUE);
        assertThat(engine.slotDue(SLOT, DUE)).isEqualTo(2);
        await("the subscription of the closed channel disabled")
                .until(() -> subscriptions
                                .find(channel(discord.general))
                                .orElseThrow()
                                .status()
                        == SubscriptionStatus.FORBIDDEN);
        await().until(() -> discord.messagesIn(discord.announcements).size() == 1);
        assertThat(subscriptions
                        .find(channel(discord.announcements))
                        .orElseThrow()
                        .active())
                .isTrue();
        assertThat(discord.calls("POST", "channels/" + discord.general.id() + "/messages"))
                .hasSize(1)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(403));
    }

    @Test
    void membersWithoutTheRightAreRefusedAndBadTimesAreExplained() {
        FakeMessage refused = discord.awaitReply(
                discord.slash("unsubscribe").allowedByServerSettings().send());
        assertThat(refused.ephemeral()).isTrue();
        assertThat(refused.text()).isEqualTo(ZH.get("error.privacy.admin", "unsubscribe"));

        FakeMessage badTime = discord.awaitReply(discord.slash("subscribe")
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("time", "24:00")
                .send());
        assertThat(badTime.ephemeral()).isTrue();
        assertThat(badTime.text())
                .contains(ZH.format("command.subscribe.error.time.invalid", java.util.Map.of("value", "24:00")));
        assertThat(subscriptions.find(channel(discord.general))).isEmpty();
    }

    @Test
    void inTheCachedServerTheRightComesFromTheMembersRoles() {
        var guild = setup.bot.adapter.connections().get(0).getGuildById(FakeDiscord.GUILD_ID);
        assertThat(guild).as("JDA cached the server from GUILD_CREATE").isNotNull();
        assertThat(guild.getRoles()).extracting(r -> r.getName()).contains("moderators");

        FakeMessage allowed = discord.awaitReply(discord.slash("subscribe")
                .by(discord.englishReader)
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("time", "08:00")
                .send());
        assertThat(allowed.ephemeral()).isFalse();
        assertThat(allowed.text()).contains("08:00");
        assertThat(subscriptions.find(channel(discord.general))).isPresent();

        // a member without the role, to whom the server's Integrations settings show the command anyway
        FakeMessage denied = discord.awaitReply(discord.slash("unsubscribe")
                .by(discord.englishReader)
                .allowedByServerSettings()
                .send());
        assertThat(denied.ephemeral()).isTrue();
        assertThat(denied.text()).isEqualTo("Only the administrators of this chat can use /unsubscribe.");
        assertThat(subscriptions.find(channel(discord.general)))
                .get()
                .extracting(s -> s.active())
                .isEqualTo(true);
    }

    @Test
    void inTheCachedServerAChannelOverwriteGrantsTheRightForThatChannelOnly() {
        // the server's Integrations settings show /subscribe to announcers; the bot checks the channel asked for
        FakeMessage there = discord.awaitReply(discord.slash("subscribe")
                .roles(ANNOUNCERS)
                .allowedByServerSettings()
                .option("channel", discord.announcements)
                .option("time", "09:15")
                .send());
        assertThat(there.ephemeral()).isFalse();
        assertThat(there.text()).contains(ZH.get("subscribe.created")).contains("09:15");
        assertThat(subscriptions.find(channel(discord.announcements))).isPresent();

        FakeMessage here = discord.awaitReply(discord.slash("subscribe")
                .roles(ANNOUNCERS)
                .allowedByServerSettings()
                .option("time", "09:15")
                .send());
        assertThat(here.ephemeral()).isTrue();
        assertThat(here.text()).isEqualTo(ZH.get("error.privacy.admin", "subscribe"));
        assertThat(subscriptions.find(channel(discord.general))).isEmpty();
    }

    private FakeMessage subscribe(FakeDiscord.Channel where, String time, String... optionsAndValues) {
        var command = discord.slash("subscribe")
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("channel", where)
                .option("time", time);
        for (int i = 0; i < optionsAndValues.length; i += 2)
            command.option(optionsAndValues[i], optionsAndValues[i + 1]);
        return discord.awaitReply(command.send());
    }

    @Test
    void theFormatAndDaysOptionsMakeAWeekdayCardSchedule() {
        FakeMessage reply = subscribe(
                discord.announcements,
                "07:30",
                "timezone",
                "Europe/Berlin",
                "mode",
                "sequential",
                "format",
                "card",
                "days",
                "weekdays");
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.text()).contains(ZH.get("subscribe.created")).contains(ZH.get("days.weekdays"));

        List<Subscription> schedules = subscriptions.forChat(channel(discord.announcements));
        assertThat(schedules).hasSize(1);
        Subscription s = schedules.get(0);
        assertThat(s.slot()).isEqualTo(new Slot(LocalTime.of(7, 30), ZoneId.of("Europe/Berlin")));
        assertThat(s.mode()).isEqualTo(Mode.SEQUENTIAL);
        assertThat(s.format()).isEqualTo(Format.CARD);
        assertThat(s.days()).isEqualTo(Days.WEEKDAYS);
    }

    @Test
    void typedDaysWithSpacesAreReadAndBadDaysGetTheCoresMessage() {
        subscribe(discord.general, "21:00", "days", "mon, wed, fri");
        assertThat(subscriptions.forChat(channel(discord.general)))
                .singleElement()
                .extracting(Subscription::days)
                .isEqualTo(Days.parse("mon,wed,fri").orElseThrow());

        FakeMessage bad = subscribe(discord.general, "07:30", "days", "mon,funday");
        assertThat(bad.ephemeral()).isTrue();
        assertThat(bad.text())
                .contains(ZH.format("command.subscribe.error.days.invalid", java.util.Map.of("value", "mon,funday")));
        assertThat(subscriptions.forChat(channel(discord.general))).hasSize(1);
    }

    @Test
    void daysAreAutocompletedInTheReadersLanguage() {
        List<String> offered = discord.awaitChoices(
                asAdmin(discord.autocomplete("subscribe")).focus("days", "").send());
        assertThat(offered)
                .startsWith(ZH.get("days.everyday") + " (everyday)", ZH.get("days.weekdays") + " (weekdays)")
                .contains(ZH.get("days.weekends") + " (weekends)");

        FakeDiscord.Sent typed = asAdmin(discord.autocomplete("subscribe"))
                .by(discord.englishReader)
                .focus("days", "Tue, Sat")
                .send();
        assertThat(discord.awaitChoices(typed)).containsExactly("Tue, Sat (tue,sat)");
        assertThat(discord.awaitChoiceValues(typed)).containsExactly("tue,sat");

        FakeDiscord.Sent nonsense = asAdmin(discord.autocomplete("subscribe"))
                .focus("days", "funday")
                .send();
        assertThat(discord.awaitChoices(nonsense)).isEmpty();
    }

    @Test
    void unsubscribeAutocompletesTheChosenChannelsSchedulesAndAll() {
        subscribe(discord.announcements, "21:00");
        subscribe(discord.announcements, "07:30");
        subscribe(discord.general, "12:00");

        FakeDiscord.Sent all = asAdmin(discord.autocomplete("unsubscribe"))
                .option("channel", discord.announcements)
                .focus("time", "")
                .send();
        assertThat(discord.awaitChoiceValues(all)).containsExactly("07:30", "21:00", "all");

        FakeDiscord.Sent here =
                asAdmin(discord.autocomplete("unsubscribe")).focus("time", "1").send();
        assertThat(discord.awaitChoiceValues(here)).containsExactly("12:00");

        FakeMessage stopped = unsubscribe(discord.announcements, "21:00");
        assertThat(stopped.text()).isEqualTo(ZH.get("unsubscribe.one", "21:00", 1));
        assertThat(activeTimes(discord.announcements)).containsExactly("07:30");

        FakeMessage allStopped = unsubscribe(discord.announcements, "all");
        assertThat(allStopped.text()).isEqualTo(ZH.get("unsubscribe.done"));
        assertThat(activeTimes(discord.announcements)).isEmpty();
        assertThat(activeTimes(discord.general)).containsExactly("12:00");
    }

    @Test
    void statusShowsEachScheduleWithItsLastAndNextPost() {
        subscribe(discord.announcements, "07:30", "days", "weekdays");
        subscribe(discord.announcements, "21:00", "format", "card");

        FakeMessage status = discord.awaitReply(discord.slash("status")
                .roles(MODERATORS)
                .permissions(ADMIN)
                .option("channel", discord.announcements)
                .send());
        assertThat(status.ephemeral()).isFalse();
        assertThat(status.text())
                .contains(ZH.get("status.header"))
                .contains("07:30")
                .contains("21:00")
                .contains(ZH.get("status.last.none"))
                .contains(ZH.get("status.next", "2026-11-30 07:30"));

        FakeMessage refused = discord.awaitReply(
                discord.slash("status").allowedByServerSettings().send());
        assertThat(refused.ephemeral()).isTrue();
        assertThat(refused.text()).isEqualTo(ZH.get("error.privacy.admin", "status"));
    }

    @Test
    void theRemoveButtonOfSettingsStopsThatSchedule() {
        subscribe(discord.general, "07:30", "format", "card", "days", "weekdays");
        subscribe(discord.general, "21:00");

        FakeMessage settings = discord.awaitReply(
                discord.slash("settings").roles(MODERATORS).permissions(ADMIN).send());
        assertThat(settings.buttonLabels())
                .containsExactly(ZH.get("action.unsubscribe", "07:30"), ZH.get("action.unsubscribe", "21:00"));

        // a member without the right sees the buttons but cannot use them
        FakeMessage denied = discord.awaitReply(discord.press(settings, ZH.get("action.unsubscribe", "07:30")));
        assertThat(denied.ephemeral()).isTrue();
        assertThat(denied.text()).isEqualTo(ZH.get("error.privacy.admin", "unsubscribe"));
        assertThat(activeTimes(discord.general)).containsExactly("07:30", "21:00");

        discord.press(settings, ZH.get("action.unsubscribe", "07:30"), discord.reader, ADMIN, MODERATORS);
        assertThat(discord.awaitEdit(settings).text()).isEqualTo(ZH.get("unsubscribe.one", "07:30", 1));
        assertThat(activeTimes(discord.general)).containsExactly("21:00");
    }

    private FakeMessage unsubscribe(FakeDiscord.Channel where, String time) {
        return discord.awaitReply(asAdmin(discord.slash("unsubscribe"))
                .option("channel", where)
                .option("time", time)
                .send());
    }

    private static InteractionBuilder asAdmin(InteractionBuilder interaction) {
        return interaction.roles(MODERATORS).permissions(ADMIN);
    }

    private List<String> activeTimes(FakeDiscord.Channel c) {
        return subscriptions.forChat(channel(c)).stream()
                .filter(Subscription::active)
                .map(s -> s.slot().timeText())
                .toList();
    }
}
