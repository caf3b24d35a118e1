package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.command.Input;
import org.excerptbot.telegram.UpdateTranslator.Translation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Which plain-text messages the translator reads as references: private chats always, groups only when addressed. */
class UpdateTranslatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9_]{5,32}");
    private final UpdateTranslator translator = new UpdateTranslator("ExcerptTestBot", (chat, user) -> false);

    /** A message as Telegram sends it, with a mention entity for each @username. */
    private static Message message(String chatType, String text, String repliedToUsername) {
        ObjectNode m =
                JSON.createObjectNode().put("message_id", 10).put("date", 1).put("text", text);
        m.putObject("from").put("id", 5).put("is_bot", false).put("first_name", "Ann");
        ObjectNode chat = m.putObject("chat")
                .put("id", chatType.equals("private") ? 5 : -100)
                .put("type", chatType);
        if (!chatType.equals("private")) chat.put("title", "Readers");
        ArrayNode entities = JSON.createArrayNode();
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            entities.addObject()
                    .put("type", "mention")
                    .put("offset", mention.start())
                    .put("length", mention.end() - mention.start());
        }
        if (!entities.isEmpty()) m.set("entities", entities);
        if (repliedToUsername != null) {
            ObjectNode replied = m.putObject("reply_to_message")
                    .put("message_id", 9)
                    .put("date", 1)
                    .put("text", "x");
            replied.putObject("from")
                    .put("id", 7)
                    .put("is_bot", true)
                    .put("first_name", "B")
                    .put("username", repliedToUsername);
            replied.set("chat", chat.deepCopy());
        }
        return JSON.convertValue(m, Message.class);
    }

    private Optional<String> passage(Message message) {
        return translator
                .message(message)
                .filter(t -> t instanceof Translation.Command)
                .map(t -> ((Translation.Command) t).request().input())
                .filter(i -> i instanceof Input.Command c && c.name().equals("passage"))
                .map(i -> ((Input.Command) i).arguments());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "private|1.11|1.11",
                "private|原则二和主张五|principle 2 proposal 5",
                "supergroup|@ExcerptTestBot 1.11|1.11",
                "group|1 11 @excerpttestbot|1.11",
                "supergroup|@ExcerptTestBot 看看第二项原则|principle 2",
            })
    void readsReferencesAddressedToTheBot(String chatType, String text, String arguments) {
        assertThat(passage(message(chatType, text, null))).hasValue(arguments);
    }

    @Test
    void readsAReplyToTheBotInAGroup() {
        assertThat(passage(message("supergroup", "那主张五呢？", "ExcerptTestBot"))).hasValue("proposal 5");
        assertThat(translator.message(message("supergroup", "那主张五呢？", "SomeOtherBot")))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"1.11", "原则二", "我有2个问题", "@SomeOtherBot 1.11", "@ExcerptTestBotX 1.11", "in 2015 @ExcerptTestBot"
            })
    void inAGroupOnlyReferencesAddressedToTheBotAreRead(String text) {
        assertThat(translator.message(message("supergroup", text, null))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"我有2个问题", "in 2015", "2015年12月16日", "第2个问题", "hello"})
    void inAPrivateChatOrdinaryTextGetsTheHint(String text) {
        assertThat(translator.message(message("private", text, null))).get().isInstanceOf(Translation.PlainText.class);
    }

    @Test
    void aChannelPostIsNeverReadAsReferences() {
        assertThat(translator.message(message("channel", "1.11 @ExcerptTestBot", null)))
                .isEmpty();
    }

    @Test
    void aButtonUnderAChannelPostIsPressedByASubscriberWhoIsAskedAbout() {
        java.util.List<Long> asked = new java.util.ArrayList<>();
        UpdateTranslator asking = new UpdateTranslator("ExcerptTestBot", (chat, user) -> {
            asked.add(user);
            return false;
        });
        ObjectNode q = JSON.createObjectNode()
                .put("id", "cb1")
                .put("chat_instance", "ci")
                .put("data", "progress 2 7");
        q.putObject("from").put("id", 5).put("is_bot", false).put("first_name", "Ann");
        ObjectNode post =
                q.putObject("message").put("message_id", 3).put("date", 1).put("text", "x");
        post.putObject("chat").put("id", -1001).put("type", "channel").put("title", "Daily");
        post.putObject("sender_chat").put("id", -1001).put("type", "channel").put("title", "Daily");
        var press = asking.callback(
                        JSON.convertValue(q, org.telegram.telegrambots.meta.api.objects.CallbackQuery.class))
                .orElseThrow();

        assertThat(press.admin().isAdmin()).isFalse();
        assertThat(asked).containsExactly(5L);
    }

    private org.excerptbot.core.command.RepliedTo repliedTo(ObjectNode message) {
        return ((Translation.Command) translator
                        .message(JSON.convertValue(message, Message.class))
                        .orElseThrow())
                .request()
                .repliedTo()
                .orElseThrow();
    }

    @Test
    void aCommandSentAsAReplyCarriesTheRepliedToMessageAndOnlyTheBotsOwnButtons() {
        ObjectNode m = JSON.convertValue(message("supergroup", "/save", "ExcerptTestBot"), ObjectNode.class);
        ObjectNode replied = (ObjectNode) m.get("reply_to_message");
        replied.putObject("reply_markup")
                .putArray("inline_keyboard")
                .addArray()
                .addObject()
                .put("text", "save")
                .put("callback_data", "save 1.11.2");
        var own = repliedTo(m);
        assertThat(own.own()).isTrue();
        assertThat(own.actions()).containsExactly("save 1.11.2");

        ((ObjectNode) replied.get("from")).put("username", "OtherBot");
        var other = repliedTo(m);
        assertThat(other.own()).isFalse();
        assertThat(other.actions())
                .as("another bot's buttons carry its data, not ours")
                .isEmpty();
        assertThat(other.text()).isEqualTo("x");
    }
}
