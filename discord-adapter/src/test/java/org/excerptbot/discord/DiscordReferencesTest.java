package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The message command Show passage: the passages a message names, from the real core commands. */
class DiscordReferencesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC);
    private static final Texts ZH = DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static DiscordBot bot;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        bot = DiscordBot.builtins(CLOCK, DiscordBot.NO_SEARCH, List.of());
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        DiscordBot.closeChecked(bot);
    }

    private static FakeMessage showPassage(String content) {
        FakeMessage said = discord.post(discord.reader, discord.general, content);
        return discord.awaitReply(
                discord.messageCommand(SlashCommands.SHOW_PASSAGE, said).send());
    }

    @Test
    void showPassageIsRegisteredAsAMessageCommandInServersAndDmsAndUserInstalls() {
        JsonNode command = discord.command(SlashCommands.SHOW_PASSAGE).orElseThrow();
        assertThat(command.path("type").asInt()).isEqualTo(3);
        assertThat(command.path("name_localizations").path("zh-CN").asText()).isEqualTo("显示原文");
        assertThat(command.path("description").asText("")).isEmpty();
        List<Integer> contexts = new ArrayList<>();
        command.path("contexts").forEach(c -> contexts.add(c.asInt()));
        assertThat(contexts).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> discord.slash(SlashCommands.SHOW_PASSAGE).send())
                .hasMessageContaining("not a slash command");
    }

    @Test
    void aMessageWithOneReferenceGetsThePassageAsTheSlashCommandShowsIt() {
        FakeMessage shown = showPassage("讲话第11段讲的是什么？");
        assertThat(shown.ephemeral()).isFalse();
        assertThat(shown.text()).isEqualTo(DiscordBot.paragraphAsShown(1, 11));
        FakeMessage read = discord.awaitReply(discord.slash("read")
                .option("document", 1)
                .option("paragraph", 11)
                .send());
        assertThat(shown.title()).isEqualTo(read.title());
        assertThat(shown.footer()).isEqualTo(read.footer());
    }

    @Test
    void aMessageWithSeveralReferencesGetsTheirPassagesWithButtonsToOpenThem() {
        FakeMessage shown = showPassage("原则二、主张五和一论第3段");
        assertThat(shown.allText())
                .contains(DiscordBot.paragraphAsShown(1, 11))
                .contains(DiscordBot.paragraphAsShown(1, 20))
                .contains(DiscordBot.paragraphAsShown(2, 3));
        assertThat(shown.buttonLabels())
                .containsExactly(
                        ZH.get("action.open", "1.11"), ZH.get("action.open", "1.20"), ZH.get("action.open", "2.3"));
    }

    @Test
    void aMessageThatNamesNoPassageGetsAPrivateHint() {
        FakeMessage shown = showPassage("我有2个问题，2015年12月16日");
        assertThat(shown.ephemeral()).isTrue();
        assertThat(shown.allText()).contains(FakeMessage.read(ZH.get("passage.none")));
    }
}
