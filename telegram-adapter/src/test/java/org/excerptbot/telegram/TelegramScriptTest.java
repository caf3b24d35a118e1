package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.MemoryPreferences;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Telegram user whose app is set to Traditional Chinese reads traditional characters until the chat chooses. */
class TelegramScriptTest {
    private static final String SIMPLIFIED = "网络空间，不应成为各国角力的战场";
    private static final String TRADITIONAL = "網絡空間，不應成為各國角力的戰場";

    private final MemoryPreferences preferences = new MemoryPreferences();
    private final FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
    private final TelegramPlatform bot = TestBot.adapter(
            TestBot.settings(TestBot.TOKEN, api),
            new CommandDispatcher(
                    RealBot.registry(),
                    Messages.load(),
                    new FloodControl(20, RealBot.CLOCK),
                    CommandDispatcher.OwnerCheck.NOBODY,
                    new ChatScripts(preferences, ScriptConverter.hongKong())),
            InlineSource.NONE,
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
}
