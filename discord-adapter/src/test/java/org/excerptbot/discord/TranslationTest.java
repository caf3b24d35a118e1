package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How interactions become neutral requests, seen through commands that describe the request they received: option
 * order, the channel option choosing the chat, the user's language, the lazy admin check. The real commands are
 * exercised in {@link DiscordCommandsTest}.
 */
class TranslationTest {
    private static DiscordBot bot;
    private static FakeDiscord discord;

    /** A command that shows what it was asked. */
    private static CommandSpec probe(String name, Privacy privacy, Locality locality) {
        return new CommandSpec(
                name, List.of(ArgSpec.optional("any")), privacy, locality, (CommandContext c) -> Reply.builder(
                                Reply.Kind.CONTENT)
                        .title("/" + name)
                        .section(Section.text("args=[" + c.arguments() + "] chat="
                                + c.request().chat().id() + " type="
                                + c.request().chat().type() + " locale="
                                + c.request().locale().getLanguage() + " user="
                                + c.request().user().displayName()))
                        .build());
    }

    @BeforeAll
    static void start() throws InterruptedException {
        List<CommandSpec> specs = new ArrayList<>();
        for (String name : List.of("today", "random", "principle", "proposal", "read", "search", "docs", "about")) {
            specs.add(probe(name, Privacy.PUBLIC, Locality.ALL));
        }
        for (String name : List.of("subscribe", "unsubscribe", "settings")) {
            specs.add(probe(name, Privacy.CHAT_ADMIN, Locality.ALL));
        }
        bot = new DiscordBot(CommandRegistry.of(specs), DiscordBot.NO_SEARCH);
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
    }

    @Test
    void optionsBecomeTheArgumentTextInRegistrationOrder() {
        FakeDiscord.Sent sent = discord.slash("read")
                .option("paragraph", 12)
                .option("document", 1)
                .send();
        FakeMessage reply = discord.awaitReply(sent);
        assertThat(reply.title()).isEqualTo("/read");
        assertThat(reply.text()).contains("args=[1 12]").contains("chat=" + discord.general.id());
        assertThat(reply.ephemeral()).isFalse();
    }

    @Test
    void theChannelOptionChoosesTheChat() {
        FakeDiscord.Sent sent = discord.slash("subscribe")
                .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                .option("channel", discord.announcements)
                .option("timezone", "Europe/Paris")
                .option("time", "07:30")
                .send();
        FakeMessage reply = discord.awaitReply(sent);
        assertThat(reply.text())
                .contains("args=[07:30 Europe/Paris]")
                .contains("chat=" + discord.announcements.id())
                .contains("type=GROUP");
        // the reply itself appears where the command was typed
        assertThat(reply.channelId()).isEqualTo(discord.general.id());
    }

    @Test
    void manageChannelsOnTheChosenChannelIsEnoughToSubscribe() {
        FakeDiscord.Sent sent = discord.slash("unsubscribe")
                .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_CHANNELS)
                .allowedByServerSettings()
                .option("channel", discord.announcements)
                .send();
        assertThat(discord.awaitReply(sent).text()).contains("chat=" + discord.announcements.id());
    }

    @Test
    void withoutManageServerOrManageChannelsTheCommandIsRefusedPrivately() {
        assertThatThrownBy(() -> discord.slash("subscribe").send())
                .as("Discord itself hides the command from members without Manage Server")
                .hasMessageContaining("hides");
        FakeDiscord.Sent sent =
                discord.slash("subscribe").allowedByServerSettings().send();
        FakeMessage reply = discord.awaitReply(sent);
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.color()).isEqualTo(EmbedRenderer.ERROR_COLOR);
        assertThat(reply.text()).isEqualTo("只有本群或频道的管理员可以使用 /subscribe。");
    }

    @Test
    void englishClientsGetEnglish() {
        FakeDiscord.Sent sent = discord.slash("settings")
                .by(discord.englishReader)
                .allowedByServerSettings()
                .send();
        assertThat(discord.awaitReply(sent).text())
                .isEqualTo("Only the administrators of this chat can use /settings.");
        FakeDiscord.Sent today =
                discord.slash("today").by(discord.englishReader).send();
        assertThat(discord.awaitReply(today).text()).contains("locale=en").contains("user=english_reader");
    }

    @Test
    void aDirectMessageIsAPrivateChat() {
        FakeDiscord.Sent sent = discord.slash("random").inDm().send();
        assertThat(discord.awaitReply(sent).text()).contains("type=PRIVATE");
        assertThatThrownBy(() -> discord.slash("subscribe").inDm().send()).hasMessageContaining("DMs");
    }
}
