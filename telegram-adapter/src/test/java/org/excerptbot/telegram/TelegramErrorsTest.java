package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Call;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of Bot API error, on replies, on bulk sends and on polling, end to end against the fake server. */
class TelegramErrorsTest {
    private TestBot t;
    private FakeBotApi api;
    private User ann;

    @BeforeEach
    void start() {
        t = new TestBot();
        api = t.api;
        ann = api.user(1001, "Ann", null);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private static ChatRef chat(long id, ChatType type) {
        return new ChatRef(Platform.TELEGRAM, String.valueOf(id), type);
    }

    private List<Call> sends(long chatId) {
        return api.calls("sendMessage").stream()
                .filter(c -> c.chatId() == chatId)
                .toList();
    }

    @Test
    void aReplyHitBy429WaitsRetryAfterAndIsThenDelivered() {
        api.rateLimit(ann.id(), 1, 1);
        api.send(ann, "/echo patience");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.messages(ann.id()).size() == 1);
        assertThat(api.last(ann.id()).text()).isEqualTo("echo: patience");
        List<Call> sends = sends(ann.id());
        assertThat(sends).extracting(Call::status).containsExactly(429, 200);
        long waitedMillis = (sends.get(1).receivedNanos() - sends.get(0).receivedNanos()) / 1_000_000;
        assertThat(waitedMillis).as("retry_after honoured").isGreaterThanOrEqualTo(950);
    }

    @Test
    void aBlockedUserIsRecordedReportedAndNotSentToAgainUntilTheyWrite() {
        api.forbid(ann.id(), "Forbidden: bot was blocked by the user");
        api.send(ann, "/echo hello");
        await().until(() -> !t.listener.events().isEmpty());
        assertThat(t.listener.events()).containsExactly("forbidden 1001 Forbidden: bot was blocked by the user");
        assertThat(sends(ann.id())).extracting(Call::status).containsExactly(403);

        SendOutcome bulk = t.bot.messenger().send(chat(ann.id(), ChatType.PRIVATE), Reply.notice("daily"));
        assertThat(bulk).isInstanceOf(SendOutcome.Forbidden.class);
        assertThat(sends(ann.id())).as("no request to a chat known to refuse").hasSize(1);

        api.allow(ann.id());
        api.send(ann, "/echo back again");
        await().until(() -> api.messages(ann.id()).size() == 1);
        assertThat(api.last(ann.id()).text()).isEqualTo("echo: back again");
        assertThat(t.listener.events()).hasSize(1);
    }

    @Test
    void aMigrationServiceMessageIsReportedAndRepliesFollowTheGroup() {
        long group = api.chat(-3001, "group", "Readers");
        api.upgradeToSupergroup(group, -1003001L, ann);
        await().until(() -> !t.listener.events().isEmpty());
        assertThat(t.listener.events()).containsExactly("migrated -3001 -> -1003001");

        SendOutcome bulk = t.bot.messenger().send(chat(group, ChatType.GROUP), Reply.notice("daily post"));
        assertThat(bulk).isInstanceOf(SendOutcome.Sent.class);
        assertThat(api.last(-1003001L).text()).isEqualTo("daily post");
        assertThat(sends(group)).isEmpty();
    }

    @Test
    void aSendRefusedWithMigrateToChatIdGoesToTheNewIdAndIsReported() {
        long group = api.chat(-3002, "group", "Readers");
        api.send(ann, group, "/echo before the move");
        await().until(() -> api.messages(group).size() == 1);
        // the group is upgraded, but the bot sends before it has seen the service message
        api.upgradeToSupergroup(group, -1003002L, ann);
        t.bot.messenger(); // (no-op: the reply path below is what is exercised)
        api.send(ann, group, "/echo after the move");
        await().until(() -> api.messages(-1003002L).size() == 1);
        assertThat(api.last(-1003002L).text()).isEqualTo("echo: after the move");
        assertThat(t.listener.events()).containsExactly("migrated -3002 -> -1003002");
    }

    @Test
    void theMessengerMapsEveryErrorKindToAnOutcome() {
        long group = api.chat(-3003, "group", "G");
        ChatRef g = chat(group, ChatType.GROUP);
        ChatRef a = chat(ann.id(), ChatType.PRIVATE);

        api.rateLimit(ann.id(), 7, 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("x")))
                .isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(7)));

        api.fail("sendMessage", 400, "Bad Request: chat not found", 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("x")))
                .isEqualTo(new SendOutcome.Failed("400 Bad Request: chat not found", false));

        api.fail("sendMessage", 502, "Bad Gateway", 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("x")))
                .isInstanceOfSatisfying(
                        SendOutcome.Failed.class, f -> assertThat(f.retryable()).isTrue());

        // a connection dropped after the request was sent: the post may have arrived, so it is not sent again
        api.disconnect("sendMessage", 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("x")))
                .isInstanceOfSatisfying(
                        SendOutcome.Failed.class, f -> assertThat(f.retryable()).isFalse());
        assertThat(api.calls("sendMessage")).last().extracting(c -> c.status()).isEqualTo(0);

        api.upgradeToSupergroup(group, -1003003L, ann);
        SendOutcome moved = t.bot.messenger().send(g, Reply.notice("x"));
        assertThat(moved).isIn(new SendOutcome.Migrated("-1003003"), new SendOutcome.Sent("1"));

        api.forbid(ann.id(), "Forbidden: user is deactivated");
        assertThat(t.bot.messenger().send(a, Reply.notice("x")))
                .isEqualTo(new SendOutcome.Forbidden("Forbidden: user is deactivated"));

        User bob = api.user(1002, "Bob", null);
        assertThat(t.bot.messenger().send(chat(bob.id(), ChatType.PRIVATE), Reply.notice("x")))
                .isInstanceOf(SendOutcome.Sent.class);
        // the send to the old group is refused with the migration unless the poller saw the service message first
        int refusals = moved instanceof SendOutcome.Migrated ? 5 : 4;
        assertThat(api.calls("sendMessage")).filteredOn(c -> c.status() >= 400).hasSize(refusals);
    }

    @Test
    void another400IsLoggedWithMethodAndChatAndNotRetried() {
        try (LogCapture logs = new LogCapture()) {
            api.fail("sendMessage", 400, "Bad Request: CHAT_WRITE_FORBIDDEN", 1);
            api.send(ann, "/echo nope");
            await().until(() -> logs.lines("sendMessage to chat 1001 refused, not retried") == 1);
            assertThat(logs.text()).contains("400 Bad Request: CHAT_WRITE_FORBIDDEN");
        }
        api.send(ann, "/echo next one");
        await().until(() -> api.messages(ann.id()).size() == 1);
        assertThat(sends(ann.id())).extracting(Call::status).containsExactly(400, 200);
    }

    @Test
    void a5xxOnAReplyIsRetried() {
        api.fail("sendMessage", 500, "Internal Server Error", 1);
        api.fail("sendMessage", 502, "Bad Gateway", 1);
        api.send(ann, "/echo persistent");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.messages(ann.id()).size() == 1);
        assertThat(api.last(ann.id()).text()).isEqualTo("echo: persistent");
        assertThat(sends(ann.id())).extracting(Call::status).containsExactly(500, 502, 200);
    }

    @Test
    void aReplyWhoseConnectionDroppedAfterItWasSentIsNotSentAgain() {
        try (LogCapture logs = new LogCapture()) {
            api.disconnect("sendMessage", 1);
            api.send(ann, "/echo maybe delivered");
            await().until(() -> logs.lines("sendMessage to chat 1001 failed") == 1);
            assertThat(logs.text()).contains("may have arrived; not sent again");
            // replies to a chat go out in order: this one is sent after anything still due for the first
            api.send(ann, "/echo next");
            await().until(() -> api.messages(ann.id()).size() == 1);
            assertThat(api.last(ann.id()).text()).isEqualTo("echo: next");
            assertThat(sends(ann.id())).extracting(Call::status).containsExactly(0, 200);
        }
    }

    @Test
    void aReplyTheBotApiTookIsNeverSentAgainWhenItsAnswerCannotBeRead() {
        try (LogCapture logs = new LogCapture()) {
            api.answerUnreadably("sendMessage", 200, "{\"ok\":true,\"result\":{\"message_id\":", 1);
            api.send(ann, "/echo once");
            await().until(() -> api.messages(ann.id()).size() == 1);
            // replies to a chat go out in order: this one is sent after any resend of the first
            api.send(ann, "/echo twice?");
            await().until(() -> api.messages(ann.id()).size() >= 2);
            assertThat(api.messages(ann.id()))
                    .extracting(FakeBotApi.Shown::text)
                    .containsExactly("echo: once", "echo: twice?");
            assertThat(sends(ann.id())).hasSize(2);
            assertThat(logs.lines("the Bot API took the request but its answer could not be read"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aBulkSendTheBotApiTookIsSentWhenItsAnswerCannotBeRead() {
        ChatRef a = chat(ann.id(), ChatType.PRIVATE);
        api.answerUnreadably("sendMessage", 200, "{\"ok\":true,\"result\":{\"message_id\":\"one\"}}", 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("daily"))).isEqualTo(new SendOutcome.Sent(""));
        assertThat(api.messages(ann.id())).extracting(FakeBotApi.Shown::text).containsExactly("daily");

        // an error page from something in front of the Bot API: whether the post arrived is not known
        api.answerUnreadably("sendMessage", 502, "<html><h1>502 Bad Gateway</h1></html>", 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("x"))).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains("HTTP 502", "may have arrived; not sent again");
        });
        // a web server that is not a Bot API server: nothing arrived, and sending again would not help
        api.answerUnreadably("sendMessage", 404, "<html>Not Found</html>", 1);
        assertThat(t.bot.messenger().send(a, Reply.notice("x"))).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains("HTTP 404").doesNotContain("may have arrived");
        });
        assertThat(sends(ann.id())).hasSize(3);
    }

    @Test
    void pollingSurvives409And5xxAndDroppedConnectionsAndLogsTheConflictOnce() {
        try (LogCapture logs = new LogCapture()) {
            api.fail(
                    "getUpdates",
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one"
                            + " bot instance is running",
                    3);
            api.competingPoll();
            await().until(() -> api.calls("getUpdates").stream()
                            .filter(c -> c.status() == 409)
                            .count()
                    >= 3);
            api.fail("getUpdates", 502, "Bad Gateway", 2);
            api.disconnect("getUpdates", 2);
            api.send(ann, "/echo still polling");
            // four failed polls with back-off before the answer: generous, for a machine busy with other builds
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> api.messages(ann.id()).size() == 1);
            assertThat(api.last(ann.id()).text()).isEqualTo("echo: still polling");
            assertThat(logs.lines("another process is receiving updates for this bot token"))
                    .isEqualTo(1);
            assertThat(logs.text()).doesNotContain("Error received from Telegram GetUpdates");
            assertThat(logs.text()).doesNotContain(TestBot.TOKEN).doesNotContain("AAE-secret");
        }
    }

    @Test
    void aTokenRevokedWhilePollingIsExplainedOnceAndReportedByHealth() {
        try (LogCapture logs = new LogCapture()) {
            api.fail("getUpdates", 401, "Unauthorized", 3);
            api.competingPoll(); // ends the poll in flight, so that the next one meets the 401s
            await().until(() -> t.health().detail().contains("401 Unauthorized"));
            assertThat(t.health().up()).isFalse();
            await().until(() -> api.calls("getUpdates").stream()
                            .filter(c -> c.status() == 401)
                            .count()
                    == 3);
            assertThat(logs.lines("the bot token is no longer valid")).isEqualTo(1);
            assertThat(logs.text()).contains("Put the new token in TELEGRAM_BOT_TOKEN and restart the bot");
            assertThat(logs.text()).doesNotContain(TestBot.TOKEN);
            // polling goes on: once the Bot API takes the token again, commands are answered
            api.send(ann, "/echo back");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.messages(ann.id()).size() == 1);
            assertThat(t.health().up()).isTrue();
        }
    }

    @Test
    void aWebhookSetElsewhereIsA409ThatPollingSurvives() {
        try (LogCapture logs = new LogCapture()) {
            api.setWebhook("https://example.invalid/hook");
            await().until(() -> logs.lines("while webhook is active") >= 1);
            api.competingPoll(); // the poll waiting when the webhook appeared
            api.send(ann, "/echo lost while the webhook is set");
            await().during(Duration.ofMillis(500))
                    .until(() -> api.messages(ann.id()).isEmpty());
            // the other deployment removes its webhook
            api.setWebhook(null);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.messages(ann.id()).size() == 1);
            assertThat(logs.lines("another process is receiving updates")).isEqualTo(1);
        }
    }

    @Test
    void theTokenNeverAppearsInAnyLogLine() {
        try (LogCapture logs = new LogCapture()) {
            long group = api.chat(-3004, "group", "G");
            api.fail("sendMessage", 400, "Bad Request: chat not found", 1);
            api.send(ann, group, "/echo b");
            await().until(() -> sends(group).size() == 1);
            api.rateLimit(ann.id(), 1, 1);
            api.send(ann, "/echo a");
            api.disconnect("getUpdates", 1);
            api.fail("getUpdates", 409, "Conflict: terminated by other getUpdates request", 1);
            api.fail("answerCallbackQuery", 400, "Bad Request: query is too old", 1);
            api.send(ann, "/page");
            await().until(() -> api.messages(ann.id()).size() == 2);
            String press = api.press(ann, ann.id(), api.last(ann.id()).messageId(), "page:2");
            await().until(() -> api.calls("answerCallbackQuery").size() == 1);
            api.forbid(ann.id(), "Forbidden: bot was blocked by the user");
            api.send(ann, "/crash");
            api.send(ann, "/echo c");
            await().until(() -> !t.listener.events().isEmpty());
            assertThat(press).isNotEmpty();
            await().until(() -> logs.text().contains("answerCallbackQuery failed"));
            String text = logs.text();
            assertThat(text).contains("sendMessage", "AssertionError", "getUpdates", "OkHttp http://127.0.0.1");
            assertThat(text).doesNotContain(TestBot.TOKEN);
            assertThat(text).doesNotContain("AAE-secret_TOKEN");
        }
    }
}
