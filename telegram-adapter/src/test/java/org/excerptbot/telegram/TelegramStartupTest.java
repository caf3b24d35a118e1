package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.Test;

/**
 * Start-up against a Bot API that cannot be reached yet (dropped connections, 5xx) or that refuses the token, and
 * the health the adapter reports meanwhile.
 */
class TelegramStartupTest {
    private static TelegramBot start(FakeBotApi api, String token) {
        return TelegramBot.start(
                TestBot.settings(token, api),
                TestBot.dispatcher(TestCommands.registry(), Clock.systemUTC()),
                Messages.load(),
                InlineSource.NONE,
                ChatStatusListener.IGNORE);
    }

    @Test
    void anUnreachableBotApiIsLoggedOnceRetriedAndTheBotBecomesHealthyWhenItAnswers() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
                LogCapture logs = new LogCapture()) {
            api.fail("getMe", 502, "Bad Gateway", 1_000);
            try (TelegramBot bot = start(api, TestBot.TOKEN)) {
                assertThat(bot.health().up()).isFalse();
                assertThat(bot.health().detail()).contains("getMe", "502 Bad Gateway", api.url());
                await().until(() -> api.calls("getMe").size() >= 4);
                assertThat(logs.lines("cannot reach the Bot API (getMe at " + api.url() + ": 502 Bad Gateway)"))
                        .isEqualTo(1);
                assertThat(api.calls("getUpdates")).isEmpty();

                api.clearFailures();
                await().atMost(Duration.ofSeconds(10)).until(() -> bot.health().up());
                assertThat(bot.health().detail()).contains("@" + FakeBotApi.BOT_USERNAME, "polling");
                assertThat(bot.username()).isEqualTo(FakeBotApi.BOT_USERNAME);
                User ann = api.user(2001, "Ann", null);
                api.send(ann, "/echo hello");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> api.messages(ann.id()).size() == 1);
                assertThat(api.last(ann.id()).text()).isEqualTo("echo: hello");
                assertThat(logs.lines("connected to the Bot API at " + api.url() + " after"))
                        .isEqualTo(1);
                assertThat(logs.lines("cannot reach the Bot API")).isEqualTo(1);
            }
            assertThat(logs.text()).doesNotContain(TestBot.TOKEN).doesNotContain("AAE-secret");
        }
    }

    @Test
    void everyStartUpCallIsRetriedAfterANetworkErrorOrA5xx() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            api.disconnect("getMe", 1);
            api.fail("setMyCommands", 500, "Internal Server Error", 1);
            api.disconnect("setMyCommands", 1);
            api.fail("deleteWebhook", 503, "Service Unavailable", 1);
            try (TelegramBot bot = start(api, TestBot.TOKEN)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> bot.health().up());
                assertThat(api.commands("default", "")).isNotEmpty();
                assertThat(api.commands("default", "en")).isNotEmpty();
                assertThat(api.calls("deleteWebhook"))
                        .extracting(FakeBotApi.Call::status)
                        .startsWith(503, 200);
                User bob = api.user(2002, "Bob", "en");
                api.send(bob, "/echo up");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> api.messages(bob.id()).size() == 1);
            }
        }
    }

    @Test
    void aTokenTheBotApiRefusesIsAClearErrorAndNotRetried() {
        String wrong = "7000000001:AAE-wrong_TOKEN-value-0000000000abc";
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            assertThatThrownBy(() -> start(api, wrong))
                    .isInstanceOf(TelegramRefusedException.class)
                    .hasMessageContaining("Telegram refused the bot token (getMe at " + api.url() + ": 401")
                    .hasMessageContaining("Check TELEGRAM_BOT_TOKEN")
                    .hasMessageContaining("@BotFather")
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining("AAE-wrong");
            assertThat(api.calls()).hasSize(1);
        }
    }

    @Test
    void healthFollowsGetUpdatesWhilePolling() {
        TestBot t = new TestBot();
        try (t) {
            await().until(() -> t.bot.health().up());
            t.api.fail("getUpdates", 502, "Bad Gateway", 1_000);
            // the poll waiting now ends within the 2 s poll timeout; the next ones meet the 502s
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> t.bot.health().detail().contains("502 Bad Gateway"));
            assertThat(t.bot.health().up()).isFalse();
            assertThat(t.bot.health().detail()).startsWith("getUpdates failing since");
            t.api.clearFailures();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.bot.health().up());
            assertThat(t.bot.health().detail()).contains("last answer");
        }
        assertThat(t.bot.health()).isEqualTo(new TelegramBot.Health(false, "stopped"));
    }
}
