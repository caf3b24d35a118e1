package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Button;
import org.excerptbot.telegram.fake.FakeBotApi.Call;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.excerptbot.telegram.fake.TelegramHtml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forum supergroups: a command written in a topic is answered in that topic, a button press under an answer there
 * keeps to it, the General topic gets answers without a thread, and every message goes without a link preview.
 */
class TelegramTopicsTest {
    private static final long FORUM = -1_000_000_777_001L;

    private TestBot t;
    private FakeBotApi api;

    @BeforeEach
    void start() {
        t = RealBot.start();
        api = t.api;
        api.forum(FORUM, "Readers' forum");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Shown awaitMessage(int count) {
        await().until(() -> api.messages(FORUM).size() >= count);
        return api.messages(FORUM).get(count - 1);
    }

    @Test
    void aCommandInATopicIsAnsweredInThatTopicAndItsCardButtonKeepsToIt() {
        int topic = api.topic(FORUM, "Daily reading");
        User ann = api.user(7301, "Ann", "en");

        int command = api.sendInTopic(ann, FORUM, topic, "/today");
        Shown today = awaitMessage(1);
        assertThat(today.thread()).isEqualTo(topic);
        assertThat(today.replyTo()).isEqualTo(command);
        Call sent = api.calls("sendMessage").get(0);
        assertThat(sent.params().path("message_thread_id").asInt()).isEqualTo(topic);
        assertThat(sent.params()
                        .path("link_preview_options")
                        .path("is_disabled")
                        .asBoolean())
                .isTrue();
        assertThat(sent.params().has("allow_paid_broadcast"))
                .as("replies to users are never paid broadcasts")
                .isFalse();

        // the card is a new message that replies to nothing: only message_thread_id puts it in the topic
        Button card = today.buttons().stream()
                .filter(b -> b.callbackData().startsWith("card "))
                .findFirst()
                .orElseThrow();
        String press = api.press(ann, FORUM, today.messageId(), card.callbackData());
        await().until(() -> api.callbackAnswer(press).isPresent());
        Shown photo = awaitMessage(2);
        assertThat(photo.photo()).isNotNull();
        assertThat(photo.replyTo()).isNull();
        assertThat(photo.thread()).isEqualTo(topic);
    }

    @Test
    void aLongParagraphIsShownCollapsedAndOpensToTheWholeText() {
        var paragraph = RealBot.CORPUS
                .paragraphs()
                .filter(p -> p.text().length() > HtmlRenderer.EXPANDABLE_FROM)
                .findFirst()
                .orElseThrow();
        User dan = api.user(7304, "Dan", "zh");

        api.send(dan, "/read " + paragraph.ref().position());
        await().until(() -> api.messages(dan.id()).size() == 1);
        Shown read = api.last(dan.id());
        assertThat(read.parsed().styled(TelegramHtml.EXPANDABLE_BLOCKQUOTE, paragraph.text()))
                .isTrue();
        assertThat(read.html()).contains("<blockquote expandable>");
        assertThat(api.calls("sendMessage")
                        .get(0)
                        .params()
                        .path("link_preview_options")
                        .path("is_disabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theGeneralTopicIsAnsweredWithoutAThread() {
        api.topic(FORUM, "Other");
        User bob = api.user(7302, "Bob", "en");

        api.send(bob, FORUM, "/today");
        Shown today = awaitMessage(1);
        assertThat(today.thread()).isNull();
        assertThat(api.calls("sendMessage").get(0).params().has("message_thread_id"))
                .isFalse();
    }

    @Test
    void anAnswerIntoATopicClosedMeanwhileIsRefusedOnceAndNotRetried() {
        int topic = api.topic(FORUM, "Closed soon");
        User cy = api.user(7303, "Cy", "en");
        api.closeTopic(FORUM, topic);

        api.sendInTopic(cy, FORUM, topic, "/today");
        await().until(() -> api.callCount("sendMessage") == 1);
        assertThat(api.calls("sendMessage"))
                .extracting(Call::status, Call::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(400, "Bad Request: TOPIC_CLOSED"));
        assertThat(api.messages(FORUM)).isEmpty();

        api.reopenTopic(FORUM, topic);
        api.sendInTopic(cy, FORUM, topic, "/today");
        assertThat(awaitMessage(1).thread()).isEqualTo(topic);
        assertThat(api.calls("sendMessage")).extracting(Call::status).isEqualTo(List.of(400, 200));
    }
}
