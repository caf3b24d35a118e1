package org.excerptbot.telegram;

import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.reply.Action;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** The Bot API requests that show a rendered part in a chat: as a new message, or in place of one. */
final class BotMessages {
    private BotMessages() {}

    /** A sendMessage in HTML, with the part's keyboard and, when {@code replyTo} is not null, threaded to it. */
    static SendMessage sendMessage(long chatId, HtmlRenderer.Rendered part, Integer replyTo) {
        return SendMessage.builder()
                .chatId(String.valueOf(chatId))
                .text(part.html())
                .parseMode("HTML")
                .replyMarkup(keyboard(part.keyboard()))
                .replyParameters(
                        replyTo == null
                                ? null
                                : ReplyParameters.builder()
                                        .messageId(replyTo)
                                        .allowSendingWithoutReply(true)
                                        .build())
                .build();
    }

    /** An editMessageText in HTML that shows the part, with its keyboard, in place of message {@code messageId}. */
    static EditMessageText editMessageText(long chatId, int messageId, HtmlRenderer.Rendered part) {
        return EditMessageText.builder()
                .chatId(String.valueOf(chatId))
                .messageId(messageId)
                .text(part.html())
                .parseMode("HTML")
                .replyMarkup(keyboard(part.keyboard()))
                .build();
    }

    /** The inline keyboard for the actions; null (no keyboard) when there are none. */
    static InlineKeyboardMarkup keyboard(List<List<Action>> rows) {
        if (rows.isEmpty()) return null;
        List<InlineKeyboardRow> keyboard = new ArrayList<>();
        for (List<Action> row : rows) {
            InlineKeyboardRow r = new InlineKeyboardRow();
            for (Action a : row) {
                r.add(InlineKeyboardButton.builder()
                        .text(a.label())
                        .callbackData(a.data())
                        .build());
            }
            keyboard.add(r);
        }
        return new InlineKeyboardMarkup(keyboard);
    }
}
