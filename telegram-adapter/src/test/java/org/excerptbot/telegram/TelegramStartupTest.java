package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.metrics.HealthCheck.Status;
import org.excerptbot.core.platform.PlatformRefusedException;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.Test;

/**
 * Start-up against a Bot API that cannot be reached yet (dropped connections), that answers with server errors or
 * with something that is not a Bot API answer, that will not take the command menus, or that refuses the token;
 * and the health the adapter reports meanwhile.
 */
class TelegramStartupTest {
    private static TelegramPlatform start(FakeBotApi api, String token) {
        TelegramPlatform bot = TestBot.adapter(TestBot.settings(token, api), Thread::sleep);
        bot.start();
        return bot;
    }

    private static HealthCheck.Result health(TelegramPlatform bot) {
        return bot.health().check();
    }

    private static void answersCommands(FakeBotApi api, long userId) {
        User user = api.user(userId, "U" + userId, "en");
        api.send(user, "/echo hello");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.messages(user.id()).size() == 1);
        assertThat(api.last(user.id()).text()).isEqualTo("echo: hello");
    }

    @Test
    void aBotApiAnsweringWithServerErrorsIsLoggedOnceAsSuchRetriedAndTheBotBecomesHealthy() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
                LogCapture logs = new LogCapture()) {
            api.fail("getMe", 502, "Bad Gateway", 1_000);
            try (TelegramPlatform bot = start(api, TestBot.TOKEN)) {
                assertThat(health(bot).status()).isEqualTo(Status.DOWN);
                assertThat(health(bot).detail()).contains("getMe", "HTTP 502: Bad Gateway", api.url());
                await().until(() -> api.calls("getMe").size() >= 4);
                assertThat(logs.lines("the Bot API at " + api.url()
                                + " answered getMe with HTTP 502: Bad Gateway. The bot keeps running"))
                        .isEqualTo(1);
                assertThat(logs.text()).doesNotContain("cannot reach").doesNotContain("the network and any proxy");
                assertThat(api.calls("getUpdates")).isEmpty();

                api.clearFailures();
                await().atMost(Duration.ofSeconds(10)).until(() -> health(bot).status() == Status.UP);
                assertThat(health(bot).detail()).contains("@" + FakeBotApi.BOT_USERNAME, "polling");
                assertThat(bot.identity()).map(BotIdentity::username).contains(FakeBotApi.BOT_USERNAME);
                answersCommands(api, 2001);
                assertThat(logs.lines("connected to the Bot API at " + api.url() + " after"))
                        .isEqualTo(1);
                assertThat(logs.lines("Telegram: running as @" + FakeBotApi.BOT_USERNAME))
                        .isEqualTo(1);
            }
            assertThat(logs.text()).doesNotContain(TestBot.TOKEN).doesNotContain("AAE-secret");
        }
    }

    @Test
    void aBotApiThatCannotBeReachedIsReportedAsANetworkProblem() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
                LogCapture logs = new LogCapture()) {
            api.disconnect("getMe", 1_000);
            try (TelegramPlatform bot = start(api, TestBot.TOKEN)) {
                await().until(() -> api.calls("getMe").size() >= 3);
                assertThat(health(bot).detail()).startsWith("cannot reach the Bot API (getMe at " + api.url());
                assertThat(logs.lines("WARN")).as("logged once").isEqualTo(1);
                assertThat(logs.text()).contains("cannot reach the Bot API (getMe at " + api.url());
                assertThat(logs.lines("Check TELEGRAM_API_URL, the network and any proxy"))
                        .isEqualTo(1);
                api.clearFailures();
                await().atMost(Duration.ofSeconds(10)).until(() -> health(bot).status() == Status.UP);
            }
        }
    }

    @Test
    void anAnswerThatIsNotABotApiAnswerIsReportedAsSuch() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
                LogCapture logs = new LogCapture()) {
            api.answerUnreadably("getMe", 200, "<html><body>It works!</body></html>", 2);
            api.answerUnreadably("getMe", 502, "<html><h1>502 Bad Gateway</h1></html>", 1_000);
            try (TelegramPlatform bot = start(api, TestBot.TOKEN)) {
                await().until(() -> health(bot).detail().contains("HTTP 502: <html><h1>502 Bad Gateway</h1></html>"));
                assertThat(health(bot).detail())
                        .startsWith("the server at " + api.url()
                                + " answered getMe with something that is not a Bot API answer");
                assertThat(logs.lines("WARN")).as("logged once").isEqualTo(1);
                assertThat(logs.text())
                        .contains("the server at " + api.url()
                                + " answered getMe with something that is not a Bot API answer (HTTP 2xx");
                assertThat(logs.text())
                        .contains("Check that TELEGRAM_API_URL points at a Bot API server")
                        .doesNotContain("cannot reach");
                api.clearFailures();
                await().atMost(Duration.ofSeconds(10)).until(() -> health(bot).status() == Status.UP);
                answersCommands(api, 2003);
            }
        }
    }

    @Test
    void everyStartUpCallIsRetriedAfterANetworkErrorOrA5xx() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            api.disconnect("getMe", 1);
            api.fail("setMyCommands", 500, "Internal Server Error", 1);
            api.disconnect("setMyCommands", 1);
            api.fail("deleteWebhook", 503, "Service Unavailable", 1);
            try (TelegramPlatform bot = start(api, TestBot.TOKEN)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> health(bot).status() == Status.UP);
                assertThat(api.commands("default", "")).isNotEmpty();
                assertThat(api.commands("default", "en")).isNotEmpty();
                assertThat(api.calls("deleteWebhook"))
                        .extracting(FakeBotApi.Call::status)
                        .startsWith(503, 200);
                answersCommands(api, 2002);
            }
        }
    }

    @Test
    void aCommandMenuTheBotApiWillNotTakeKeepsNoCommandFromBeingAnswered() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
                LogCapture logs = new LogCapture()) {
            api.fail("setMyCommands", 500, "Internal Server Error", 1_000);
            try (TelegramPlatform bot = start(api, TestBot.TOKEN)) {
                answersCommands(api, 2004);
                await().until(() -> api.calls("setMyCommands").size() >= 3);
                assertThat(health(bot).status()).isEqualTo(Status.DEGRADED);
                assertThat(health(bot).detail())
                        .contains("polling")
                        .contains("command menu not published: the Bot API at " + api.url()
                                + " answered setMyCommands with HTTP 500: Internal Server Error");
                assertThat(logs.lines("the command menus are not published yet"))
                        .isEqualTo(1);

                api.clearFailures();
                await().atMost(Duration.ofSeconds(10)).until(() -> health(bot).status() == Status.UP);
                assertThat(api.commands("default", "")).isNotEmpty();
                assertThat(api.commands("default", "en")).isNotEmpty();
                assertThat(logs.lines("command menus published after")).isEqualTo(1);
            }
        }
    }

    @Test
    void aCommandMenuTheBotApiRefusesIsReportedAndNotTriedAgain() {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            api.fail("setMyCommands", 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID", 1);
            try (TelegramPlatform bot = start(api, TestBot.TOKEN)) {
                await().until(() ->
                        api.calls("setMyCommands").size() == 2 && health(bot).status() != Status.DOWN);
                answersCommands(api, 2005);
                assertThat(api.commands("default", "en")).isNotEmpty();
                assertThat(health(bot).status()).isEqualTo(Status.DEGRADED);
                assertThat(health(bot).detail())
                        .contains("command menu not published: the default menu was refused")
                        .contains("BOT_COMMAND_DESCRIPTION_INVALID");
                assertThat(api.calls("setMyCommands")).hasSize(2);
            }
        }
    }

    @Test
    void aTokenTheBotApiRefusesIsAClearErrorAndNotRetried() {
        String wrong = "7000000001:AAE-wrong_TOKEN-value-0000000000abc";
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            assertThatThrownBy(() -> start(api, wrong))
                    .isInstanceOf(PlatformRefusedException.class)
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
            await().until(() -> t.health().status() == Status.UP);
            t.api.fail("getUpdates", 502, "Bad Gateway", 1_000);
            // the poll waiting now ends within the 2 s poll timeout; the next ones meet the 502s
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> t.health().detail().contains("502 Bad Gateway"));
            assertThat(t.health().status()).isEqualTo(Status.DOWN);
            assertThat(t.health().detail()).startsWith("getUpdates failing since");
            t.api.clearFailures();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.health().status() == Status.UP);
            assertThat(t.health().detail()).contains("last answer");
        }
        assertThat(t.health()).isEqualTo(HealthCheck.Result.down("stopped"));
    }
}
