package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscriptionCommands;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app installed to a user's account: its commands answer in servers that have not added the bot and in DMs
 * between users, where the bot has no member, channel or role of its own to look up; subscriptions are not offered.
 */
class DiscordUserInstallTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Texts ZH = DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static TestDb db;
    private static DiscordBot bot;
    /** A channel of a server that never added the bot. */
    private static FakeDiscord.Channel elsewhere;

    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        db = TestDb.h2();
        SubscriptionService subscriptions =
                new SubscriptionService(new JdbcSubscriptionStore(db.dataSource()), SHANGHAI, CLOCK, SlotListener.NONE);
        bot = DiscordBot.builtins(
                CLOCK, DiscordBot.NO_SEARCH, new SubscriptionCommands(subscriptions, () -> 42).specs());
        discord = bot.discord;
        elsewhere = discord.channelOfAServerWithoutTheBot();
    }

    @AfterAll
    static void stop() {
        try {
            DiscordBot.closeChecked(bot);
        } finally {
            db.close();
        }
    }

    @Test
    void aCommandInAServerWithoutTheBotIsAnsweredThroughTheUsersInstall() {
        FakeMessage reply = discord.awaitReply(
                discord.slash("today").userInstalledIn(elsewhere).send());

        Excerpt today = DiscordBot.ROTATION.excerptFor(LocalDate.of(2026, 11, 29));
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.channelId()).isEqualTo(elsewhere.id());
        assertThat(reply.text()).isEqualTo(FakeMessage.read(today.text()));
    }

    @Test
    void aDeferredCommandInAServerWithoutTheBotIsCompleted() {
        FakeMessage reply = discord.awaitReply(discord.slash("search")
                .option("query", "网络主权")
                .userInstalledIn(elsewhere)
                .send());
        assertThat(reply.loading()).isFalse();
        assertThat(reply.allText()).isNotBlank();
    }

    @Test
    void theCardButtonUnderAnExcerptInAServerWithoutTheBotAnswersWithTheCard() throws IOException {
        FakeMessage read = discord.awaitReply(discord.slash("read")
                .option("document", 1)
                .option("paragraph", 11)
                .userInstalledIn(elsewhere)
                .send());
        FakeMessage card = discord.awaitReply(discord.pressThroughUserInstall(read, ZH.get("action.card")));
        assertThat(card.channelId()).isEqualTo(elsewhere.id());
        DiscordCardTest.assertShowsCards(discord, card);

        discord.pressThroughUserInstall(read, ZH.get("action.next", "1.12"));
        assertThat(discord.awaitEdit(read).title()).contains("1.12");
    }

    @Test
    void aCardInADmBetweenUsersIsAnsweredWithThePicture() throws IOException {
        FakeMessage card = discord.awaitReply(discord.slash("card")
                .option("document", 1)
                .option("paragraph", 11)
                .userInstalledInPrivateChannel()
                .send());
        DiscordCardTest.assertShowsCards(discord, card);
    }

    @Test
    void showPassageWorksOnAMessageInAServerWithoutTheBot() {
        FakeMessage said = discord.post(discord.reader, elsewhere, "原则二");
        FakeMessage shown = discord.awaitReply(discord.messageCommand(SlashCommands.SHOW_PASSAGE, said)
                .userInstalledIn(elsewhere)
                .send());
        assertThat(shown.ephemeral()).isFalse();
        assertThat(shown.footer()).endsWith("1.11");
    }

    @Test
    void subscriptionsAreNotOfferedWhereOnlyTheUserInstalledTheApp() {
        for (String name : List.of("subscribe", "unsubscribe")) {
            assertThatThrownBy(
                            () -> discord.slash(name).userInstalledIn(elsewhere).send())
                    .as(name)
                    .hasMessageContaining("cannot be installed by a user");
            assertThatThrownBy(() ->
                            discord.slash(name).userInstalledInPrivateChannel().send())
                    .as(name)
                    .hasMessageContaining("context 2");
        }
    }
}
