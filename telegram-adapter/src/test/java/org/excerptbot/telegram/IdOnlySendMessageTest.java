package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.reply.Action;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class IdOnlySendMessageTest {
    /** A sendMessage answer as the Bot API gives it: the whole message, of which the bot needs the id. */
    private static final String SENT =
            """
            {"ok":true,"result":{"message_id":4711,
             "from":{"id":42,"is_bot":true,"first_name":"Excerpt Bot","username":"excerpt_bot"},
             "chat":{"id":-1001,"title":"读书会","type":"supergroup"},"date":1764806400,
             "message_thread_id":7,"is_topic_message":true,
             "text":"构建网络空间命运共同体","entities":[{"type":"bold","offset":0,"length":4}],
             "link_preview_options":{"is_disabled":true},
             "reply_markup":{"inline_keyboard":[[{"text":"下一段","callback_data":"read:1.12"}]]}}}""";

    private static final HtmlRenderer.Rendered PART = new HtmlRenderer.Rendered(
            "<b>构建</b>网络空间命运共同体", 11, List.of(List.of(new Action("下一段", "read:1.12"))), Optional.empty());

    @Test
    void theRequestIsTheLibrarysSendMessage() throws Exception {
        BotMessages.Target target = new BotMessages.Target(-1001, 7, 3, true);
        SendMessage request = BotMessages.sendMessage(target, PART);
        SendMessage library = SendMessage.builder()
                .chatId("-1001")
                .messageThreadId(7)
                .text(PART.html())
                .parseMode("HTML")
                .linkPreviewOptions(BotMessages.NO_PREVIEW)
                .replyMarkup(BotMessages.keyboard(PART.keyboard()))
                .replyParameters(BotMessages.replyParameters(3))
                .allowPaidBroadcast(true)
                .build();

        ObjectMapper json = new ObjectMapper();
        assertThat(request).isInstanceOf(IdOnlySendMessage.class);
        assertThat(json.readTree(json.writeValueAsString(request)))
                .isEqualTo(json.readTree(json.writeValueAsString(library)));
        assertThat(request.getMethod()).isEqualTo(library.getMethod());
    }

    @Test
    void aSuccessIsReadForTheMessageId() throws Exception {
        SendMessage request = BotMessages.sendMessage(new BotMessages.Target(-1001, 7, null, false), PART);

        assertThat(request.deserializeResponse(SENT).getMessageId()).isEqualTo(4711);
    }

    @Test
    void aSuccessWhoseMessageThisLibraryCannotReadStillGivesItsId() throws Exception {
        SendMessage request = BotMessages.sendMessage(new BotMessages.Target(-1001, 7, null, false), PART);
        // a newer Bot API, say, with a field in a shape this version of the library does not know
        String newer = SENT.replace("\"date\":1764806400", "\"date\":{\"unix\":1764806400}");

        assertThat(request.deserializeResponse(newer).getMessageId()).isEqualTo(4711);
        assertThatThrownBy(() ->
                        SendMessage.builder().chatId("1").text("x").build().deserializeResponse(newer))
                .isInstanceOf(TelegramApiRequestException.class);
    }

    @Test
    void errorsAndGarbledAnswersAreReadByTheLibraryAsBefore() {
        SendMessage request = BotMessages.sendMessage(new BotMessages.Target(-1001, null, null, false), PART);
        String tooMany = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
                + "\"parameters\":{\"retry_after\":5}}";

        assertThatThrownBy(() -> request.deserializeResponse(tooMany))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(429);
                    assertThat(e.getParameters().getRetryAfter()).isEqualTo(5);
                });
        assertThatThrownBy(() -> request.deserializeResponse("{\"ok\":true,\"result\":{\"message_id\":"))
                .isInstanceOf(TelegramApiRequestException.class)
                .hasMessageContaining("Unable to deserialize response");
    }
}
