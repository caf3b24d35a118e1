package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Button;
import org.excerptbot.telegram.fake.FakeBotApi.InlineAnswer;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every built-in command over the real Bot API protocol, with the packaged corpus: what a user sees in Telegram,
 * paging by buttons (edited in place), inline mode, bad input and the command menus.
 */
class TelegramCommandsTest {
    private static TestBot t;
    private static FakeBotApi api;
    private static final Excerpt TODAY = RealBot.ROTATION.excerptFor(LocalDate.of(2026, 11, 28));
    private static long nextUser = 5000;

    @BeforeAll
    static void start() {
        t = RealBot.start();
        api = t.api;
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** A fresh user (so that flood control never interferes) who sends one command and gets the reply. */
    private static User user(String language) {
        long id = nextUser++;
        return api.user(id, "U" + id, language);
    }

    private static Shown ask(User user, String text) {
        int before = api.messages(user.id()).size();
        api.send(user, text);
        await().until(() -> api.messages(user.id()).size() > before);
        return api.messages(user.id()).get(before);
    }

    private static String paragraph(int document, int number) {
        return RealBot.CORPUS
                .paragraph(new ParagraphRef(document, number))
                .orElseThrow()
                .text();
    }

    @Test
    void todayShowsTheExcerptOfTheDayWithItsCitationAndOpensItsParagraphInPlace() {
        User ann = user("zh-hans");
        Shown today = ask(ann, "/today");
        assertThat(today.text()).startsWith("今日摘录 · 2026-11-28（Asia/Shanghai）\n\n" + TODAY.text() + "\n—— ");
        assertThat(today.text()).endsWith(" · " + TODAY.ref().position());
        assertThat(today.parsed().styled("i", TODAY.ref().position())).isTrue();
        Button open = today.buttons().get(0);
        assertThat(open.text()).isEqualTo("📖 阅读全段 " + TODAY.ref().position());

        String press = api.press(ann, ann.id(), today.messageId(), open.callbackData());
        await().until(() ->
                api.callbackAnswer(press).isPresent() && api.last(ann.id()).edits() == 1);
        Shown read = api.last(ann.id());
        assertThat(read.messageId()).isEqualTo(today.messageId());
        assertThat(read.text())
                .contains(paragraph(TODAY.ref().document(), TODAY.ref().paragraph()));
        assertThat(api.messages(ann.id())).hasSize(1);
    }

    @Test
    void readPagesThroughParagraphsByEditingTheMessage() {
        User ann = user(null);
        Shown read = ask(ann, "/read 1.11");
        assertThat(read.text()).contains(paragraph(1, 11)).contains("第 11/");
        Button next = read.buttons().stream()
                .filter(b -> b.callbackData().equals("read 1 12"))
                .findFirst()
                .orElseThrow();
        String press = api.press(ann, ann.id(), read.messageId(), next.callbackData());
        await().until(() ->
                api.callbackAnswer(press).isPresent() && api.last(ann.id()).edits() == 1);
        assertThat(api.last(ann.id()).text()).contains(paragraph(1, 12)).contains("第 12/");
        assertThat(api.messages(ann.id())).hasSize(1);
        assertThat(ask(ann, "/read 1 11").text()).isEqualTo(read.text());
    }

    @Test
    void searchFindsAndPagesByButtons() {
        User ann = user("zh");
        Shown first = ask(ann, "/search 互联互通");
        assertThat(first.text()).startsWith("搜索“互联互通”：共 ").contains(" · 第 1/");
        assertThat(first.parsed().styled("b", "互联互通")).isTrue();
        Button next = first.buttons().stream()
                .filter(b -> b.text().contains("第 2 页"))
                .findFirst()
                .orElseThrow();
        String press = api.press(ann, ann.id(), first.messageId(), next.callbackData());
        await().until(() ->
                api.callbackAnswer(press).isPresent() && api.last(ann.id()).edits() == 1);
        assertThat(api.last(ann.id()).text()).contains(" · 第 2/");
        assertThat(api.callbackAnswer(press).get().has("text")).isFalse();
    }

    @Test
    void userTextInRepliesIsEscaped() {
        User ann = user("zh");
        Shown none = ask(ann, "/search <b>&amp; x</b>");
        assertThat(none.text()).contains("<b>&amp; x</b>");
        assertThat(api.calls("sendMessage")).allMatch(c -> c.status() == 200);
    }

    @Test
    void everyOtherCommandAnswersWhatItShould() {
        User ann = user("zh");
        assertThat(ask(ann, "/start").text()).contains("您好！").contains("/today");
        assertThat(ask(ann, "/help").text()).contains("/search", "/read", "/principle", "/about");
        assertThat(ask(ann, "/random").text()).contains("\n—— ");
        assertThat(ask(ann, "/principle").text()).startsWith("四项原则");
        assertThat(ask(ann, "/principle 2").text()).startsWith("原则2：");
        assertThat(ask(ann, "/proposal").text()).startsWith("五点主张");
        assertThat(ask(ann, "/proposal 5").text()).startsWith("主张5：");
        assertThat(ask(ann, "/docs").text()).startsWith("四篇文献");
        assertThat(ask(ann, "/about").text()).startsWith("关于摘录机器人");
        assertThat(ask(ann, "/help@" + FakeBotApi.BOT_USERNAME).text()).contains("/search");
    }

    @Test
    void badInputGetsAShortSpecificAnswer() {
        User ann = user("zh");
        assertThat(ask(ann, "/principle 9").text()).startsWith("没有第 9 项原则");
        assertThat(ask(ann, "/read 9 1").text()).startsWith("没有第 9 篇文献");
        assertThat(ask(ann, "/read abc").text()).contains("/read 1 11");
        assertThat(ask(ann, "/search").text()).startsWith("请输入要搜索的内容");
        assertThat(ask(ann, "/today please").text()).isEqualTo("/today 不需要参数，直接发送 /today 即可。");
        assertThat(ask(ann, "/frobnicate").text()).isEqualTo("没有 /frobnicate 这个命令。发送 /help 查看全部命令。");
        assertThat(ask(ann, "/search " + "长".repeat(2000)).text()).contains("太长");
    }

    @Test
    void englishUsersGetEnglish() {
        User bob = user("en-US");
        Shown today = ask(bob, "/today");
        assertThat(today.text()).doesNotContain("今日摘录").contains(TODAY.text());
        assertThat(ask(bob, "/read 9 1").text()).doesNotContainPattern("[\\u4e00-\\u9fff]{4}");
    }

    @Test
    void inGroupsAndChannelsTheBotAnswersItsOwnCommandsOnly() {
        long group = api.chat(-4001, "supergroup", "读书会");
        long channel = api.chat(-1004002, "channel", "每日摘录");
        User ann = user("zh");
        api.send(ann, group, "/today@SomeOtherBot");
        api.send(ann, group, "/today@" + FakeBotApi.BOT_USERNAME);
        api.post(channel, "/today");
        await().until(() ->
                api.messages(group).size() == 1 && api.messages(channel).size() == 1);
        await().until(() -> api.pendingUpdates() == 0);
        assertThat(api.messages(group)).hasSize(1);
        assertThat(api.last(channel).text()).contains(TODAY.text());
    }

    @Test
    void inlineQueriesFindExcerptsWithCitationsAndPage() {
        User ann = user("zh");
        String id = api.inlineQuery(ann, "互联网", "");
        await().until(() -> api.inlineAnswer(id).isPresent());
        InlineAnswer answer = api.inlineAnswer(id).get();
        assertThat(answer.results()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        assertThat(answer.results()).allSatisfy(r -> {
            ParagraphRef ref = ParagraphRef.parse(r.id()).orElseThrow();
            assertThat(r.text()).startsWith(paragraph(ref.document(), ref.paragraph()) + "\n—— ");
            assertThat(r.text()).endsWith(" · " + r.id());
        });
        if (answer.results().size() == 50) {
            assertThat(answer.nextOffset()).isEqualTo("50");
            String more = api.inlineQuery(ann, "互联网", answer.nextOffset());
            await().until(() -> api.inlineAnswer(more).isPresent());
            assertThat(api.inlineAnswer(more).get().results().get(0).id())
                    .isNotIn(answer.results().stream()
                            .map(FakeBotApi.InlineResult::id)
                            .toList());
        }
        String empty = api.inlineQuery(ann, "", "");
        await().until(() -> api.inlineAnswer(empty).isPresent());
        assertThat(api.inlineAnswer(empty).get().results()).singleElement().satisfies(r -> assertThat(r.text())
                .contains(TODAY.text()));
    }

    @Test
    void theCommandMenusAreSetInChineseAndEnglish() {
        await().until(() -> api.calls("setMyCommands").size() == 2);
        assertThat(api.commands("default", ""))
                .extracting(FakeBotApi.BotCommand::command)
                .containsExactly(
                        "start",
                        "help",
                        "today",
                        "random",
                        "principle",
                        "proposal",
                        "read",
                        "passage",
                        "related",
                        "search",
                        "card",
                        "docs",
                        "about");
        assertThat(api.commands("default", "")).first().satisfies(c -> assertThat(c.description())
                .isEqualTo("开始使用：介绍本机器人"));
        assertThat(api.commands("default", "en")).first().satisfies(c -> assertThat(c.description())
                .doesNotContainPattern("[\\u4e00-\\u9fff]"));
    }
}
