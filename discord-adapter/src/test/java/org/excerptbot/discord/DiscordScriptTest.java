package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.MemoryPreferences;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Discord user whose client speaks Chinese of Taiwan reads traditional characters until the chat chooses. */
class DiscordScriptTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC);
    private static final String SIMPLIFIED = "网络空间，不应成为各国角力的战场";
    private static final String TRADITIONAL = "網絡空間，不應成為各國角力的戰場";

    private final MemoryPreferences preferences = new MemoryPreferences();
    private final FakeDiscord discord = new FakeDiscord();
    private PlatformAdapter adapter;

    @AfterEach
    void stop() {
        if (adapter != null) adapter.close();
        discord.close();
    }

    private void start() throws InterruptedException {
        ChatScripts scripts = new ChatScripts(preferences, ScriptConverter.hongKong());
        CommandDispatcher dispatcher = new CommandDispatcher(
                BuiltinCommands.registry(
                        DiscordBot.CORPUS,
                        DiscordBot.ROTATION,
                        DiscordBot.NO_SEARCH,
                        ChatZones.fixed(DiscordBot.ZONE),
                        CLOCK,
                        new SplittableRandom(7),
                        CardPictures.onFirstUse(),
                        scripts::scriptOf,
                        BuiltinCommands.crossReferences(DiscordBot.CORPUS),
                        List.of()),
                DiscordBot.MESSAGES,
                new FloodControl(1000, CLOCK),
                CommandDispatcher.OwnerCheck.NOBODY,
                scripts);
        ChatStatusListener ignore = new ChatStatusListener() {
            @Override
            public void chatForbidden(ChatRef chat, String reason) {}

            @Override
            public void chatMigrated(ChatRef chat, String newChatId) {}
        };
        adapter = new DiscordPlatformFactory(new DiscordSettings(
                        FakeDiscord.TOKEN, discord.apiUrl(), discord.gatewayUrl(), DiscordShards.NONE))
                .create(new PlatformContext(
                        dispatcher,
                        DiscordBot.MESSAGES,
                        DiscordBot.CORPUS,
                        DiscordBot.ROTATION,
                        DiscordBot.NO_SEARCH,
                        ignore,
                        DiscordBot.ZONE,
                        CLOCK));
        adapter.start();
        discord.awaitBotReady();
    }

    /** {@code command} (/read or /card) of paragraph 1.11, as {@code user} sends it. */
    private FakeMessage ask(String command, FakeDiscord.User user) {
        return discord.awaitReply(discord.slash(command)
                .by(user)
                .option("document", 1)
                .option("paragraph", 11)
                .send());
    }

    @Test
    void zh_tw_defaults_to_traditional_zh_cn_to_simplified_and_the_chats_choice_wins() throws InterruptedException {
        start();
        FakeDiscord.User taiwan = new FakeDiscord.User("1300000000000000003", "taiwan_reader", "zh-TW");

        FakeMessage traditional = ask("read", taiwan);
        assertThat(traditional.text()).contains(TRADITIONAL).doesNotContain(SIMPLIFIED);
        assertThat(traditional.footer()).contains("習近平").endsWith("（繁體轉換）");
        assertThat(traditional.title()).contains("在第二屆世界互聯網大會開幕式上的講話");

        FakeMessage simplified = ask("read", discord.reader);
        assertThat(simplified.text()).contains(SIMPLIFIED);
        assertThat(simplified.footer()).doesNotContain("繁體轉換");

        preferences.setScript(preferences.lastAsked(), Script.SIMPLIFIED, CLOCK.instant());
        assertThat(ask("read", taiwan).text()).as("the chat chose simplified").contains(SIMPLIFIED);
    }

    private static byte[] expectedCard(Script script) {
        Texts zh = DiscordBot.MESSAGES.texts(Messages.CHINESE);
        Paragraph p = DiscordBot.CORPUS.paragraph(new ParagraphRef(1, 11)).orElseThrow();
        CardContent content = CardContent.of(DiscordBot.CORPUS, p, zh, "摘录机器人").in(script, zh);
        return new CardRenderer(0).render(content, Theme.LIGHT).get(0).png();
    }

    @Test
    void a_zh_tw_reader_gets_the_card_drawn_in_traditional_characters() throws InterruptedException {
        start();
        FakeDiscord.User taiwan = new FakeDiscord.User("1300000000000000004", "taiwan_reader", "zh-TW");

        FakeMessage traditional = ask("card", taiwan);
        assertThat(traditional.attachments()).hasSize(1);
        assertThat(discord.download(traditional.attachments().get(0))).isEqualTo(expectedCard(Script.TRADITIONAL));
        assertThat(traditional.footer()).endsWith("（繁體轉換）");
        assertThat(traditional.attachments().get(0).path("description").asText())
                .as("the picture's alternative text is the converted passage")
                .contains(TRADITIONAL);

        FakeMessage simplified = ask("card", discord.reader);
        assertThat(discord.download(simplified.attachments().get(0)))
                .isEqualTo(expectedCard(Script.SIMPLIFIED))
                .isNotEqualTo(expectedCard(Script.TRADITIONAL));
    }
}
