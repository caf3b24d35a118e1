package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * References typed as plain text over the Bot API: answered in private chats, and in groups only when the message
 * mentions the bot or replies to it; ordinary chat with numbers gets no passage.
 */
class TelegramReferencesTest {
    private static final String BOT = "@" + FakeBotApi.BOT_USERNAME;
    private static TestBot t;
    private static FakeBotApi api;
    private static long nextUser = 8000;
    private static long nextGroup = -8000;

    @BeforeAll
    static void start() {
        t = RealBot.start();
        api = t.api;
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static User user(String language) {
        long id = nextUser++;
        return api.user(id, "U" + id, language);
    }

    private static long group() {
        return api.chat(nextGroup--, "supergroup", "Readers");
    }

    private static Shown ask(User user, long chat, String text) {
        int before = api.messages(chat).size();
        api.send(user, chat, text);
        await().until(() -> api.messages(chat).size() > before);
        return api.messages(chat).get(before);
    }

    /**
     * What the chat shows after these messages, once a command sent after them has been answered (updates are
     * handled in parallel, so this shows an answer only if it comes quickly; the translator's own test is exact).
     */
    private static List<Shown> after(User user, long chat, String... messages) {
        int before = api.messages(chat).size();
        for (String m : messages) api.send(user, chat, m);
        api.send(user, chat, "/proposal");
        await().until(() -> api.messages(chat).stream().anyMatch(s -> s.text().startsWith("五点主张")));
        List<Shown> shown = api.messages(chat);
        return shown.subList(before, shown.size() - 1);
    }

    private static String paragraph(int document, int number) {
        return RealBot.CORPUS
                .paragraph(new ParagraphRef(document, number))
                .orElseThrow()
                .text();
    }

    @Test
    void aReferenceInAPrivateChatGetsThePassageAsTheCommandShowsIt() {
        User ann = user("zh");
        Shown typed = ask(ann, ann.id(), "1.11");
        assertThat(typed.text()).contains(paragraph(1, 11));
        assertThat(ask(ann, ann.id(), "/read 1.11").text()).isEqualTo(typed.text());
        assertThat(ask(ann, ann.id(), "１ １１").text()).isEqualTo(typed.text());
        assertThat(ask(ann, ann.id(), "第二项原则").text())
                .isEqualTo(ask(ann, ann.id(), "/principle 2").text());
        assertThat(ask(ann, ann.id(), "讲话第11段").text()).isEqualTo(typed.text());
        User bob = user("en");
        assertThat(ask(bob, bob.id(), "proposal 5").text())
                .startsWith("Proposal 5")
                .contains(paragraph(1, 20));
    }

    @Test
    void severalReferencesInOneMessageGetTheirPassagesInOneAnswer() {
        User ann = user("zh");
        Shown shown = ask(ann, ann.id(), "原则二、主张五和一论第3段有什么联系？");
        assertThat(shown.text())
                .contains(paragraph(1, 11))
                .contains(paragraph(1, 20))
                .contains(paragraph(2, 3));
        assertThat(shown.buttons())
                .extracting(FakeBotApi.Button::callbackData)
                .containsExactly("read 1 11", "read 1 20", "read 2 3");
    }

    @Test
    void plainChatWithNumbersInAPrivateChatGetsTheHintNotAPassage() {
        User ann = user("zh");
        List<String> chat = List.of("我有2个问题", "in 2015", "2015年12月16日", "第2个问题");
        chat.forEach(m -> api.send(ann, m));
        await().until(() -> api.messages(ann.id()).size() == chat.size());
        assertThat(api.messages(ann.id()))
                .allSatisfy(s -> assertThat(s.text()).contains("/help").doesNotContain("——"));
    }

    @Test
    void inAGroupOnlyAMentionOrAReplyToTheBotIsRead() {
        long group = group();
        User ann = user("zh");
        assertThat(after(ann, group, "1.11", "原则二", "我有2个问题 " + BOT, "@SomeOtherBot 1.11"))
                .isEmpty();

        Shown mentioned = ask(ann, group, BOT + " 1.11");
        assertThat(mentioned.text()).contains(paragraph(1, 11));
        assertThat(mentioned.replyTo()).isNotNull();
        assertThat(ask(ann, group, "讲话第11段呢，" + BOT.toLowerCase() + "？").text()).isEqualTo(mentioned.text());

        int before = api.messages(group).size();
        int asked = api.reply(ann, group, mentioned.messageId(), "那原则二呢？");
        await().until(() -> api.messages(group).size() > before);
        Shown replied = api.messages(group).get(before);
        assertThat(replied.text()).contains(paragraph(1, 11)).startsWith("原则2");
        assertThat(replied.replyTo()).isEqualTo(asked);
    }
}
