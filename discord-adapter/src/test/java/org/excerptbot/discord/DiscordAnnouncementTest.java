package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter's messenger knows announcement channels from the servers the gateway announced, and publishes there. */
class DiscordAnnouncementTest {
    private static DiscordBot bot;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        bot = DiscordBot.inServer(FakeDiscord::testGuildWithNews, Clock.systemUTC());
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        DiscordBot.closeChecked(bot);
    }

    @Test
    void aPostInAnAnnouncementChannelIsPublishedAndOneInATextChannelIsNot() {
        DiscordMessenger messenger = bot.adapter.messenger();
        SendOutcome news = messenger.send(
                new ChatRef(Platform.DISCORD, discord.news.id(), ChatType.CHANNEL), Reply.notice("今日摘录"));
        SendOutcome text = messenger.send(
                new ChatRef(Platform.DISCORD, discord.general.id(), ChatType.GROUP), Reply.notice("今日摘录"));

        assertThat(List.of(news, text)).allMatch(o -> o instanceof SendOutcome.Sent);
        assertThat(discord.messagesIn(discord.news).get(0).crossposted()).isTrue();
        assertThat(discord.messagesIn(discord.general).get(0).crossposted()).isFalse();
        assertThat(discord.calls("POST", "channels/*/messages/*/crosspost")).hasSize(1);
    }
}
