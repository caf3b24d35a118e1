package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.excerptbot.core.bookmark.BookmarkCommands;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.Passages;
import org.excerptbot.core.store.JdbcBookmarkStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bookmarks over the Bot API: the save button under a passage answers the presser alone, in the callback answer,
 * and leaves the passage as everyone else sees it; a /save typed is answered with a message.
 */
class TelegramBookmarksTest {
    private static final Texts ZH = Messages.load().texts(Messages.CHINESE);
    private static final Texts EN = Messages.load().texts(Messages.ENGLISH);

    private TestDb db;
    private TestBot t;
    private FakeBotApi api;

    @BeforeEach
    void start() {
        db = TestDb.h2();
        BookmarkCommands bookmarks = new BookmarkCommands(
                new JdbcBookmarkStore(db.dataSource()), RealBot.CORPUS, RealBot.ROTATION.pool(), RealBot.CLOCK);
        CommandRegistry registry = BuiltinCommands.registry(
                RealBot.CORPUS,
                RealBot.ROTATION,
                RealBot.SEARCH,
                ChatZones.fixed(RealBot.ZONE),
                RealBot.CLOCK,
                new SplittableRandom(7),
                bookmarks.specs());
        t = new TestBot(registry, RealBot.inline(), RealBot.CLOCK);
        api = t.api;
    }

    @AfterEach
    void stop() {
        try {
            if (t != null) t.close();
        } finally {
            if (db != null) db.close();
        }
    }

    /** The passage the save button under a message saves. */
    private static String savedId(Shown message) {
        return message.buttons().stream()
                .map(FakeBotApi.Button::callbackData)
                .filter(d -> d.startsWith("save "))
                .findFirst()
                .orElseThrow()
                .substring("save ".length());
    }

    private Shown awaitMessage(long chatId, int count) {
        await().until(() -> api.messages(chatId).size() >= count);
        return api.messages(chatId).get(count - 1);
    }

    @Test
    void theSaveButtonUnderAPassageInAGroupAnswersThePresserInAToastAndLeavesThePassage() {
        long group = api.chat(-5001, "supergroup", "读书会");
        User ann = api.user(7501, "Ann", "zh-hans");
        User bob = api.user(7502, "Bob", "zh-hans");

        api.send(ann, group, "/read 1 11");
        Shown passage = awaitMessage(group, 1);
        String save = api.pressButton(bob, group, passage.messageId(), ZH.get("action.save"));
        await().until(() -> api.callbackAnswer(save).isPresent());
        JsonNode answer = api.callbackAnswer(save).orElseThrow();
        assertThat(answer.path("text").asText()).isEqualTo(ZH.get("save.done", "1.11"));
        assertThat(answer.path("show_alert").asBoolean(false))
                .as("a toast, not an alert")
                .isFalse();

        // a later answer in the same chat goes out after anything the press could have sent
        api.send(bob, group, "/saved");
        Shown list = awaitMessage(group, 2);
        assertThat(list.text()).as("the press saved the passage for Bob").contains("1. 1.11");
        assertThat(api.messages(group)).hasSize(2);
        Shown after = api.messages(group).get(0);
        assertThat(after.messageId()).isEqualTo(passage.messageId());
        assertThat(after.edits()).as("the passage is not replaced").isZero();
        assertThat(after.html()).isEqualTo(passage.html());
        assertThat(after.keyboard()).isEqualTo(passage.keyboard());
        assertThat(api.callCount("editMessageText")).isZero();
    }

    @Test
    void aSaveTypedInAGroupIsAnsweredWithAMessage() {
        long group = api.chat(-5002, "supergroup", "读书会");
        User ann = api.user(7503, "Ann", "zh-hans");

        int command = api.send(ann, group, "/save 1.11");
        Shown saved = awaitMessage(group, 1);
        assertThat(saved.text()).isEqualTo(ZH.get("save.done", "1.11"));
        assertThat(saved.replyTo()).isEqualTo(command);
        assertThat(saved.buttons()).extracting(FakeBotApi.Button::callbackData).containsExactly("saved");
    }

    @Test
    void theSaveButtonUnderTheDailyExcerptInAChannelLeavesThePostAsItIs() {
        long channel = api.chat(-1005003, "channel", "每日摘录");
        User ann = api.user(7504, "Ann", "zh-hans");

        api.post(channel, "/today");
        Shown today = awaitMessage(channel, 1);
        String save = api.pressButton(ann, channel, today.messageId(), ZH.get("action.save"));
        await().until(() -> api.callbackAnswer(save).isPresent());
        String id = savedId(today);
        assertThat(api.callbackAnswer(save).orElseThrow().path("text").asText()).isEqualTo(ZH.get("save.done", id));

        // pressed again: already saved, still only for the presser
        String again = api.pressButton(ann, channel, today.messageId(), ZH.get("action.save"));
        await().until(() -> api.callbackAnswer(again).isPresent());
        assertThat(api.callbackAnswer(again).orElseThrow().path("text").asText())
                .isEqualTo(ZH.get("save.already", id));
        api.post(channel, "/about");
        awaitMessage(channel, 2);
        assertThat(api.messages(channel).get(0).edits()).isZero();
        assertThat(api.callCount("editMessageText")).isZero();
        assertThat(api.messages(channel).get(0).html()).isEqualTo(today.html());
    }

    @Test
    void saveAsAReplyToTheBotsExcerptSavesThatExcerpt() {
        long group = api.chat(-5004, "supergroup", "读书会");
        User ann = api.user(7505, "Ann", "zh-hans");

        api.send(ann, group, "/today");
        Shown today = awaitMessage(group, 1);
        String id = savedId(today);
        int command = api.reply(ann, group, today.messageId(), "/save");
        Shown saved = awaitMessage(group, 2);
        assertThat(saved.text()).isEqualTo(ZH.get("save.done", id));
        assertThat(saved.replyTo()).isEqualTo(command);

        api.reply(ann, group, today.messageId(), "/save@" + FakeBotApi.BOT_USERNAME);
        assertThat(awaitMessage(group, 3).text()).isEqualTo(ZH.get("save.already", id));
        api.send(ann, group, "/saved");
        assertThat(awaitMessage(group, 4).text()).contains("1. " + id);
    }

    @Test
    void saveAsAReplyToAReadersMessageSavesTheReferenceItNames() {
        long group = api.chat(-5005, "supergroup", "读书会");
        User ann = api.user(7506, "Ann", "zh-hans");
        User bob = api.user(7507, "Bob", "en");
        String principle = Passages.first(RealBot.CORPUS, "原则二").orElseThrow().position();

        int said = api.send(ann, group, "大家看看原则二");
        api.replyToUser(bob, group, said, "/save");
        assertThat(awaitMessage(group, 1).text()).isEqualTo(EN.get("save.done", principle));
    }

    @Test
    void saveAsAReplyToAMessageWithoutAPassageSaysSoAndWithoutAReplyAsksForOne() {
        long group = api.chat(-5006, "supergroup", "读书会");
        User ann = api.user(7508, "Ann", "zh-hans");
        User bob = api.user(7509, "Bob", "en");

        int chat = api.send(ann, group, "我有2个问题");
        api.replyToUser(ann, group, chat, "/save");
        assertThat(awaitMessage(group, 1).text()).isEqualTo(ZH.get("save.reply.none"));
        api.replyToUser(bob, group, chat, "/save");
        assertThat(awaitMessage(group, 2).text()).isEqualTo(EN.get("save.reply.none"));

        // the bot's own list of passages holds no one passage, and its text is not searched for references
        api.send(ann, group, "/related 原则二");
        Shown related = awaitMessage(group, 3);
        assertThat(related.buttons()).isNotEmpty();
        api.reply(ann, group, related.messageId(), "/save");
        assertThat(awaitMessage(group, 4).text()).isEqualTo(ZH.get("save.reply.none"));

        api.send(ann, group, "/save");
        assertThat(awaitMessage(group, 5).text()).isEqualTo(ZH.get("save.missing"));
        api.send(ann, group, "/saved");
        assertThat(awaitMessage(group, 6).text()).isEqualTo(ZH.get("saved.empty"));
    }
}
