package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * References typed in a server, through the fake gateway: a message that mentions the bot and names passages gets
 * them as a reply; ordinary chat, and a mention that merely contains a number, get nothing. The bot asks for no
 * privileged intent (the fake closes a session that does, 4014), so it sees the content of mentions only.
 */
class DiscordMentionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC);
    private static DiscordBot bot;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        // the bot is in the server: Discord announces it and its channels, which JDA needs to take its messages
        bot = DiscordBot.inServer(FakeDiscord::testGuild, CLOCK);
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        DiscordBot.closeChecked(bot);
    }

    /** The bot's messages in #general that reply to the message with this id. */
    private static List<FakeMessage> repliesTo(String messageId) {
        return discord.messagesIn(discord.general).stream()
                .filter(m -> m.repliesTo().equals(messageId))
                .toList();
    }

    /** Says something, then a mention that is answered: what the first got is settled once the second is answered. */
    private static List<FakeMessage> answersTo(String content) {
        int before = discord.messagesIn(discord.general).size();
        assertThat(discord.say(discord.reader, discord.general, content)).isEqualTo(1);
        String said = discord.messagesIn(discord.general).get(before).id();
        assertThat(discord.say(discord.reader, discord.general, FakeDiscord.mentionOfTheBot() + " 主张五"))
                .isEqualTo(1);
        String sentinel = discord.messagesIn(discord.general).get(before + 1).id();
        await("the answer to the mention after it")
                .until(() -> !repliesTo(sentinel).isEmpty());
        return repliesTo(said);
    }

    @Test
    void aMentionThatNamesPassagesIsAnsweredWithThemAsAReply() {
        int before = discord.messagesIn(discord.general).size();
        discord.say(discord.reader, discord.general, FakeDiscord.mentionOfTheBot() + " 原则二和讲话第20段说的是什么？");
        String said = discord.messagesIn(discord.general).get(before).id();

        FakeMessage answer = await("the passages")
                .until(() -> repliesTo(said), l -> !l.isEmpty())
                .get(0);

        assertThat(answer.json().path("author").path("id").asText()).isEqualTo(FakeDiscord.APPLICATION_ID);
        assertThat(answer.allText())
                .contains(DiscordBot.paragraphAsShown(1, 11))
                .contains(DiscordBot.paragraphAsShown(1, 20));
        assertThat(answer.ephemeral()).isFalse();
    }

    @Test
    void ordinaryChatGetsNothingEvenWhenItNamesAPassage() {
        assertThat(answersTo("原则二真好")).isEmpty();
        assertThat(answersTo("1.11")).isEmpty();
    }

    @Test
    void aMentionThatMerelyContainsANumberGetsNothing() {
        assertThat(answersTo(FakeDiscord.mentionOfTheBot() + " 我有2个问题")).isEmpty();
        assertThat(answersTo(FakeDiscord.mentionOfTheBot() + " in 2015 we met")).isEmpty();
        assertThat(answersTo(FakeDiscord.mentionOfTheBot() + " 你好")).isEmpty();
    }
}
