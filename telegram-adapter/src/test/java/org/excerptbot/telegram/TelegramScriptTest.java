package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.MemoryPreferences;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.InlineAnswer;
import org.excerptbot.telegram.fake.FakeBotApi.InlineResult;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Telegram user whose app is set to Traditional Chinese reads traditional characters, text and quote cards alike,
 * until the chat chooses; so do their inline results ({@code @bot 互联互通}), in the script of their private chat
 * with the bot, and the answer is personal, so that Telegram's cache does not hand one user's script to another.
 */
class TelegramScriptTest {
    private static final String SIMPLIFIED = "网络空间，不应成为各国角力的战场";
    private static final String TRADITIONAL = "網絡空間，不應成為各國角力的戰場";

    private final MemoryPreferences preferences = new MemoryPreferences();
    private final ChatScripts scripts = new ChatScripts(preferences, ScriptConverter.hongKong());
    private final FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
    private final TelegramPlatform bot = TestBot.adapter(
            TestBot.settings(TestBot.TOKEN, api),
            new CommandDispatcher(
                    RealBot.registry(scripts::scriptOf),
                    Messages.load(),
                    new FloodControl(20, RealBot.CLOCK),
                    CommandDispatcher.OwnerCheck.NOBODY,
                    scripts),
            RealBot.inline(),
            scripts,
            ChatStatusListener.IGNORE,
            Thread::sleep);

    @AfterEach
    void stop() {
        bot.close();
        api.close();
    }

    private Shown ask(User user, String text) {
        int before = api.messages(user.id()).size();
        api.send(user, text);
        await().until(() -> api.messages(user.id()).size() > before);
        return api.messages(user.id()).get(before);
    }

    @Test
    void zh_hant_reads_traditional_zh_hans_simplified_and_the_chats_choice_wins() {
        bot.start();
        User hant = api.user(9101, "Mei", "zh-hant");
        User hans = api.user(9102, "Lin", "zh-hans");

        Shown traditional = ask(hant, "/read 1.11");
        assertThat(traditional.text()).contains(TRADITIONAL).contains("（繁體轉換）").doesNotContain(SIMPLIFIED);
        assertThat(ask(hans, "/read 1.11").text()).contains(SIMPLIFIED).doesNotContain("繁體轉換");

        preferences.setScript(
                new ChatRef(Platform.TELEGRAM, "9101", ChatType.PRIVATE), Script.SIMPLIFIED, Instant.EPOCH);
        assertThat(ask(hant, "/read 1.11").text())
                .as("the chat chose simplified")
                .contains(SIMPLIFIED);
    }

    private InlineResult first(User user, String query) {
        InlineAnswer answer = answer(user, query);
        return answer.results().stream().filter(r -> !r.photo()).findFirst().orElseThrow();
    }

    private InlineAnswer answer(User user, String query) {
        String id = api.inlineQuery(user, query, "");
        await().until(() -> api.inlineAnswer(id).isPresent());
        return api.inlineAnswer(id).get();
    }

    @Test
    void aTaiwanUserReadsTraditionalResultsAndTheirPrivateChatsChoiceWins() {
        bot.start();
        User taiwan = api.user(9201, "Mei", "zh-TW");
        User hongKong = api.user(9203, "Wing", "zh-HK");
        User mainland = api.user(9202, "Lin", "zh-CN");

        InlineResult simplified = first(mainland, "互联互通");
        assertThat(simplified.text()).contains("互联互通").doesNotContain("繁體轉換");
        String traditionalText = ScriptConverter.hongKong().toTraditional(simplified.text());
        assertThat(traditionalText).as("the passage has characters to convert").isNotEqualTo(simplified.text());

        InlineResult traditional = first(taiwan, "互联互通");
        assertThat(traditional.id()).isEqualTo(simplified.id());
        assertThat(traditional.text())
                .as("the passage and its citation in traditional, marked as converted")
                .contains("互聯互通")
                .contains("（繁體轉換）")
                .doesNotContain("互联互通");
        assertThat(simplified.title()).contains("互联网");
        assertThat(traditional.title()).contains("互聯網").doesNotContain("互联网");
        assertThat(traditional.description())
                .isEqualTo(ScriptConverter.hongKong().toTraditional(simplified.description()));
        assertThat(first(hongKong, "互联互通").text()).contains("互聯互通").contains("（繁體轉換）");
        assertThat(answer(taiwan, "互联互通").personal())
                .as("results differ by user: Telegram must not cache them for everyone")
                .isTrue();

        assertThat(first(taiwan, "").text()).as("today's excerpt too").contains("（繁體轉換）");

        preferences.setScript(
                new ChatRef(Platform.TELEGRAM, "9201", ChatType.PRIVATE), Script.SIMPLIFIED, Instant.EPOCH);
        preferences.setScript(
                new ChatRef(Platform.TELEGRAM, "9202", ChatType.PRIVATE), Script.TRADITIONAL, Instant.EPOCH);
        assertThat(first(taiwan, "互联互通").text())
                .as("chose simplified in the private chat")
                .contains("互联互通")
                .doesNotContain("繁體轉換");
        assertThat(first(mainland, "互联互通").text())
                .as("chose traditional in the private chat")
                .contains("互聯互通")
                .contains("（繁體轉換）");
    }

    private static final Texts CHINESE = Messages.load().texts(Messages.CHINESE);

    private static byte[] card(Script script) {
        Paragraph p = RealBot.CORPUS.paragraph(new ParagraphRef(1, 11)).orElseThrow();
        CardContent content =
                CardContent.of(RealBot.CORPUS, p, CHINESE, "摘录机器人").in(script, CHINESE);
        return new CardRenderer(0).render(content, Theme.LIGHT).get(0).png();
    }

    @Test
    void a_traditional_chat_gets_its_card_drawn_in_traditional_characters_and_uploaded_apart() {
        bot.start();
        User hant = api.user(9201, "Mei", "zh-hant");
        User hans = api.user(9202, "Lin", "zh-hans");
        User hk = api.user(9203, "Wing", "zh-hk");

        Shown traditional = ask(hant, "/card 1.11");
        assertThat(api.uploads()).hasSize(1);
        assertThat(traditional.photo().uploaded()).isTrue();
        assertThat(api.uploads().get(0).bytes()).isEqualTo(card(Script.TRADITIONAL));
        assertThat(traditional.text())
                .as("the caption is the converted citation, marked")
                .contains("《在第二屆世界互聯網大會開幕式上的講話》")
                .endsWith("· 1.11（繁體轉換）");

        Shown simplified = ask(hans, "/card 1.11");
        assertThat(simplified.photo().uploaded())
                .as("the simplified card is another photo, not the traditional one's file_id")
                .isTrue();
        assertThat(api.uploads()).hasSize(2);
        assertThat(api.uploads().get(1).bytes())
                .isEqualTo(card(Script.SIMPLIFIED))
                .isNotEqualTo(card(Script.TRADITIONAL));
        assertThat(simplified.text()).contains("《在第二届世界互联网大会开幕式上的讲话》").endsWith("· 1.11");

        Shown again = ask(hk, "/card 1 11");
        assertThat(again.photo().uploaded())
                .as("the traditional card's own file_id")
                .isFalse();
        assertThat(api.calls("sendPhoto").get(2).params().path("photo").asText())
                .isEqualTo(traditional.photo().fileId());

        preferences.setScript(
                new ChatRef(Platform.TELEGRAM, "9201", ChatType.PRIVATE), Script.SIMPLIFIED, Instant.EPOCH);
        Shown chose = ask(hant, "/card 1.11");
        assertThat(api.calls("sendPhoto").get(3).params().path("photo").asText())
                .as("the chat chose simplified: the simplified card's file_id")
                .isEqualTo(simplified.photo().fileId());
        assertThat(chose.text()).doesNotContain("繁體轉換");
    }
}
