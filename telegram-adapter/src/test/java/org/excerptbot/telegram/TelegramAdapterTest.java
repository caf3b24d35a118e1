package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter end to end against the fake Bot API: what users see for commands, buttons and addressing. */
class TelegramAdapterTest {
    private TestBot t;
    private FakeBotApi api;
    private User ann;

    @BeforeEach
    void start() {
        t = new TestBot();
        api = t.api;
        ann = api.user(1001, "Ann", "zh-hans");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Shown awaitMessages(long chatId, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.messages(chatId).size() >= count);
        return api.messages(chatId).get(count - 1);
    }

    @Test
    void startsWithGetMeDeleteWebhookAndPolling() {
        await().until(() -> !api.calls("getUpdates").isEmpty());
        List<String> methods = api.calls().stream().map(FakeBotApi.Call::method).toList();
        assertThat(methods.indexOf("getMe")).isLessThan(methods.indexOf("deleteWebhook"));
        assertThat(methods.indexOf("deleteWebhook")).isLessThan(methods.indexOf("getUpdates"));
        assertThat(t.username()).isEqualTo(FakeBotApi.BOT_USERNAME);
        FakeBotApi.Call poll = api.calls("getUpdates").get(0);
        assertThat(poll.params().path("timeout").asInt()).isEqualTo(2);
        assertThat(poll.params().path("allowed_updates").toString()).contains("callback_query", "inline_query");
    }

    @Test
    void answersACommandWithEscapedUserText() {
        api.send(ann, "/echo <b>bold?</b> & a<b &amp;");
        Shown reply = awaitMessages(ann.id(), 1);
        assertThat(reply.text()).isEqualTo("echo: <b>bold?</b> & a<b &amp;");
        assertThat(reply.parsed().styled("b", "echo:")).isTrue();
        assertThat(reply.parsed().entities()).hasSize(1);
    }

    @Test
    void offsetsAdvanceSoEachUpdateIsHandledOnce() {
        api.send(ann, "/echo one");
        awaitMessages(ann.id(), 1);
        api.send(ann, "/echo two");
        awaitMessages(ann.id(), 2);
        await().until(() -> api.pendingUpdates() == 0);
        assertThat(api.messages(ann.id())).extracting(Shown::text).containsExactly("echo: one", "echo: two");
    }

    @Test
    void rendersCitationsAndStylesWithCorpusMarkupEscaped() {
        api.send(ann, "/cite");
        Shown reply = awaitMessages(ann.id(), 1);
        assertThat(reply.text())
                .isEqualTo("互联网是<人类>的共同家园 & 互联互通/search a<b\n" + "—— 习近平《在<第二届>世界互联网大会开幕式上的讲话 & 致辞》，2015-12-16 · 1.11");
        assertThat(reply.parsed().styled("b", "互联互通")).isTrue();
        assertThat(reply.parsed().styled("code", "/search a<b")).isTrue();
        assertThat(reply.parsed().styled("i", "2015-12-16 · 1.11")).isTrue();
    }

    @Test
    void splitsAReplyOverTheLimitIntoMessagesThatTelegramAccepts() {
        api.send(ann, "/long");
        await().until(() -> api.messages(ann.id()).size() >= 2
                && !api.messages(ann.id())
                        .get(api.messages(ann.id()).size() - 1)
                        .keyboard()
                        .isEmpty());
        List<Shown> parts = api.messages(ann.id());
        assertThat(api.calls("sendMessage")).allMatch(c -> c.status() == 200);
        assertThat(parts).allMatch(p -> p.text().length() <= 4096);
        String all = String.join("\n\n", parts.stream().map(Shown::text).toList());
        for (int s = 1; s <= 3; s++) {
            for (int i = 1; i <= 180; i++) assertThat(all).contains("第" + s + "段第" + i + "句<&>互联互通。");
        }
        assertThat(all).startsWith("长文 <long> & more");
        assertThat(parts.subList(0, parts.size() - 1))
                .allMatch(p -> p.keyboard().isEmpty());
        assertThat(parts.get(parts.size() - 1).buttons())
                .extracting(FakeBotApi.Button::text)
                .containsExactly("next");
    }

    @Test
    void aButtonPressEditsTheMessageInPlaceAndIsAnswered() {
        api.send(ann, "/page");
        Shown first = awaitMessages(ann.id(), 1);
        assertThat(first.text()).isEqualTo("page 1 of 3");
        String press = api.pressButton(ann, ann.id(), first.messageId(), "2 ›");
        await().until(() ->
                api.callbackAnswer(press).isPresent() && api.last(ann.id()).edits() == 1);
        Shown edited = api.last(ann.id());
        assertThat(api.messages(ann.id())).hasSize(1);
        assertThat(edited.messageId()).isEqualTo(first.messageId());
        assertThat(edited.text()).isEqualTo("page 2 of 3");
        assertThat(edited.buttons()).extracting(FakeBotApi.Button::text).containsExactly("‹ 1", "3 ›");

        String again = api.pressButton(ann, ann.id(), first.messageId(), "3 ›");
        await().until(() ->
                api.callbackAnswer(again).isPresent() && api.last(ann.id()).edits() == 2);
        assertThat(api.last(ann.id()).text()).isEqualTo("page 3 of 3");
    }

    @Test
    void anExpiredButtonIsAnsweredWithAnAlertAndTheMessageIsLeftAlone() {
        api.send(ann, "/page");
        Shown first = awaitMessages(ann.id(), 1);
        String press = api.press(ann, ann.id(), first.messageId(), "%% stale button %%");
        await().until(() -> api.callbackAnswer(press).isPresent());
        assertThat(api.callbackAnswer(press).get().path("text").asText()).isEqualTo("这个按钮已失效，请重新发送命令。");
        assertThat(api.callbackAnswer(press).get().path("show_alert").asBoolean())
                .isTrue();
        assertThat(api.last(ann.id()).edits()).isZero();
    }

    @Test
    void pressingTheSameButtonTwiceIsAnsweredBothTimesWithoutAnError() {
        api.send(ann, "/page");
        Shown first = awaitMessages(ann.id(), 1);
        String one = api.press(ann, ann.id(), first.messageId(), "page:1");
        await().until(() -> api.callbackAnswer(one).isPresent());
        assertThat(api.last(ann.id()).text()).isEqualTo("page 1 of 3");
        assertThat(api.callbackAnswer(one).get().has("text")).isFalse();
        assertThat(api.calls("sendMessage")).hasSize(1);
    }

    @Test
    void speaksEnglishToEnglishUsersAndChineseToOthers() {
        User bob = api.user(1002, "Bob", "en-GB");
        api.send(bob, "/nosuch");
        api.send(ann, "/nosuch");
        assertThat(awaitMessages(bob.id(), 1).text())
                .isEqualTo("There is no /nosuch command. Send /help to see them all.");
        assertThat(awaitMessages(ann.id(), 1).text()).isEqualTo("没有 /nosuch 这个命令。发送 /help 查看全部命令。");
    }

    @Test
    void plainTextInAPrivateChatGetsAHintAndInAGroupIsIgnored() {
        long group = api.chat(-2001, "supergroup", "Readers");
        api.send(ann, group, "hello everyone");
        api.send(ann, "hello bot");
        assertThat(awaitMessages(ann.id(), 1).text()).contains("/help");
        api.send(ann, group, "/echo sentinel");
        assertThat(awaitMessages(group, 1).text()).isEqualTo("echo: sentinel");
        assertThat(api.messages(group)).hasSize(1);
    }

    @Test
    void inAGroupEveryAnswerIsThreadedToItsCommandButNotInPrivateChatsOrChannels() {
        long group = api.chat(-2004, "supergroup", "Busy readers");
        User bob = api.user(1012, "Bob", "en");
        int annAsks = api.send(ann, group, "/echo one");
        int bobAsks = api.send(bob, group, "/echo two");
        int longAsked = api.send(ann, group, "/long");
        // /long's last part carries its button
        await().until(() ->
                api.messages(group).stream().anyMatch(m -> !m.keyboard().isEmpty())
                        && api.messages(group).stream()
                                        .filter(m -> m.text().startsWith("echo:"))
                                        .count()
                                == 2);
        assertThat(api.messages(group))
                .filteredOn(m -> m.text().startsWith("echo:"))
                .extracting(Shown::text, Shown::replyTo)
                .containsExactlyInAnyOrder(tuple("echo: one", annAsks), tuple("echo: two", bobAsks));
        assertThat(api.messages(group))
                .filteredOn(m -> !m.text().startsWith("echo:"))
                .hasSizeGreaterThan(1)
                .allMatch(m -> m.replyTo() == longAsked, "every part of /long answers it");
        assertThat(api.calls("sendMessage"))
                .filteredOn(c -> c.chatId() == group)
                .allMatch(c -> c.params()
                        .at("/reply_parameters/allow_sending_without_reply")
                        .asBoolean());

        api.send(ann, "/echo private");
        assertThat(awaitMessages(ann.id(), 1).replyTo()).isNull();
        long channel = api.chat(-1003002, "channel", "Daily Excerpts");
        api.post(channel, "/echo channel");
        assertThat(awaitMessages(channel, 1).replyTo()).isNull();
    }

    @Test
    void inGroupsCommandsForOtherBotsAreIgnored() {
        long group = api.chat(-2002, "group", "Readers");
        api.send(ann, group, "/echo@OtherBot not for us");
        api.send(ann, group, "/echo@" + FakeBotApi.BOT_USERNAME + " for us");
        api.send(ann, group, "/ECHO@excerpttestbot case");
        api.send(ann, group, "/echo plain");
        await().until(() -> api.messages(group).size() >= 3);
        await().until(() -> api.pendingUpdates() == 0);
        assertThat(api.messages(group))
                .extracting(Shown::text)
                .containsExactlyInAnyOrder("echo: for us", "echo: case", "echo: plain");
    }

    @Test
    void commandsPostedInAChannelAreAnsweredInTheChannel() {
        long channel = api.chat(-1003001, "channel", "Daily Excerpts");
        api.post(channel, "/echo from the channel");
        assertThat(awaitMessages(channel, 1).text()).isEqualTo("echo: from the channel");
        // a channel post is by an administrator: no getChatMember needed for an admin command
        api.post(channel, "/admin");
        assertThat(awaitMessages(channel, 2).text()).isEqualTo("admin ok " + channel);
        assertThat(api.calls("getChatMember")).isEmpty();
    }

    @Test
    void adminCommandsAskTelegramOnlyWhenNeeded() {
        long group = api.chat(-2003, "supergroup", "Readers");
        User admin = api.user(1010, "Ada", null);
        api.admins(group, admin.id());
        api.send(ann, group, "/echo no check needed");
        awaitMessages(group, 1);
        assertThat(api.calls("getChatMember")).isEmpty();
        api.send(ann, group, "/admin");
        assertThat(awaitMessages(group, 2).text()).isEqualTo("只有本群或频道的管理员可以使用 /admin。");
        api.send(admin, group, "/admin");
        assertThat(awaitMessages(group, 3).text()).isEqualTo("admin ok 1010");
        assertThat(api.calls("getChatMember")).hasSize(2);
    }

    @Test
    void aCrashOnOneUpdateIsLoggedAndTheNextIsHandled() {
        try (LogCapture logs = new LogCapture()) {
            api.send(ann, "/crash");
            api.send(ann, "/echo still alive");
            assertThat(awaitMessages(ann.id(), 1).text()).isEqualTo("echo: still alive");
            await().until(() -> logs.lines("failed: java.lang.AssertionError") == 1);
        }
        api.send(ann, "/echo and again");
        assertThat(awaitMessages(ann.id(), 2).text()).isEqualTo("echo: and again");
    }

    @Test
    void aFloodingUserGetsOneNoticeAndOthersAreNotSlowed() {
        for (int i = 1; i <= 24; i++) api.send(ann, "/echo " + i);
        User bob = api.user(1002, "Bob", "en");
        api.send(bob, "/echo bob");
        assertThat(awaitMessages(bob.id(), 1).text()).isEqualTo("echo: bob");
        await().until(() -> api.messages(ann.id()).size() >= 21);
        await().until(() -> api.pendingUpdates() == 0);
        List<String> texts = api.messages(ann.id()).stream().map(Shown::text).toList();
        assertThat(texts).hasSize(21);
        assertThat(texts).filteredOn(s -> s.startsWith("echo: ")).hasSize(20);
        assertThat(texts).filteredOn(s -> s.contains("太频繁")).hasSize(1);
    }

    @Test
    void publishesTheCommandMenusInChineseAndEnglish() {
        await().until(() -> api.calls("setMyCommands").size() == 2);
        assertThat(api.commands("default", ""))
                .extracting(FakeBotApi.BotCommand::command)
                .containsExactly("echo", "page", "long", "admin", "cite", "crash");
        assertThat(api.commands("default", "en")).hasSize(6);
    }
}
