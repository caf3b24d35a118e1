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
        String id = today.buttons().stream()
                .map(FakeBotApi.Button::callbackData)
                .filter(d -> d.startsWith("save "))
                .findFirst()
                .orElseThrow()
                .substring("save ".length());
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
}
