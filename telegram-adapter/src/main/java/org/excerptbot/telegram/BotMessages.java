package org.excerptbot.telegram;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Picture;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** The Bot API requests that show a rendered part in a chat: as a new message or photo, or in place of one. */
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

    /**
     * A sendPhoto of the part's picture with its caption in HTML and its keyboard: the picture uploaded, or, when
     * {@code fileId} is not null, the photo Telegram already holds under that id.
     */
    static SendPhoto sendPhoto(long chatId, HtmlRenderer.Rendered part, Integer replyTo, String fileId) {
        Picture picture = part.picture().orElseThrow(() -> new IllegalArgumentException("part: not a photo"));
        InputFile photo = fileId != null
                ? new InputFile(fileId)
                : new InputFile(new ByteArrayInputStream(picture.png()), picture.fileName());
        return SendPhoto.builder()
                .chatId(String.valueOf(chatId))
                .photo(photo)
                .caption(part.html())
                .parseMode("HTML")
                .replyMarkup(keyboard(part.keyboard()))
                .replyParameters(replyParameters(replyTo))
                .build();
    }

    private static ReplyParameters replyParameters(Integer replyTo) {
        return replyTo == null
                ? null
                : ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build();
    }

    /** The id of the largest size of the photo a message shows; empty when it shows none. */
    static Optional<String> largestPhoto(Message message) {
        if (message == null || message.getPhoto() == null) return Optional.empty();
        return message.getPhoto().stream()
                .max(Comparator.comparingLong(p -> (long) p.getWidth() * p.getHeight()))
                .map(PhotoSize::getFileId);
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
