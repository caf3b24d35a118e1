package org.excerptbot.telegram;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Picture;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** The Bot API requests that show a rendered part in a chat: as a new message or photo, or in place of one. */
final class BotMessages {
    private BotMessages() {}

    /** Link previews are off everywhere: a passage's text is the message, not a link it happens to contain. */
    static final LinkPreviewOptions NO_PREVIEW =
            LinkPreviewOptions.builder().isDisabled(true).build();

    /**
     * Where a message goes and how: the chat, the forum topic (null for the chat itself), the message it answers
     * (null for none; sent all the same when that message is gone), and whether it may use the paid broadcast.
     */
    record Target(long chatId, Integer thread, Integer replyTo, boolean paidBroadcast) {
        /** Into the chat's topic, if it has one, as an answer to {@code replyTo}; never paid. */
        static Target of(long chatId, ChatRef chat, Integer replyTo) {
            return new Target(chatId, BotMessages.thread(chat), replyTo, false);
        }
    }

    /** The message_thread_id of the chat's thread; null when it has none. */
    static Integer thread(ChatRef chat) {
        return chat.thread().map(Integer::valueOf).orElse(null);
    }

    /**
     * A sendMessage in HTML with the part's keyboard and no link preview, to the target; its answer is read for the
     * message id only.
     */
    static SendMessage sendMessage(Target target, HtmlRenderer.Rendered part) {
        return new IdOnlySendMessage(SendMessage.builder()
                .chatId(String.valueOf(target.chatId()))
                .messageThreadId(target.thread())
                .text(part.html())
                .parseMode("HTML")
                .linkPreviewOptions(NO_PREVIEW)
                .replyMarkup(keyboard(part.keyboard()))
                .replyParameters(replyParameters(target.replyTo()))
                .allowPaidBroadcast(target.paidBroadcast() ? Boolean.TRUE : null));
    }

    /**
     * A sendPhoto of the part's picture with its caption in HTML and its keyboard, to the target: the picture
     * uploaded, or, when {@code fileId} is not null, the photo Telegram already holds under that id.
     */
    static SendPhoto sendPhoto(Target target, HtmlRenderer.Rendered part, String fileId) {
        Picture picture = part.picture().orElseThrow(() -> new IllegalArgumentException("part: not a photo"));
        InputFile photo = fileId != null
                ? new InputFile(fileId)
                : new InputFile(new ByteArrayInputStream(picture.png()), picture.fileName());
        return SendPhoto.builder()
                .chatId(String.valueOf(target.chatId()))
                .messageThreadId(target.thread())
                .photo(photo)
                .caption(part.html())
                .parseMode("HTML")
                .replyMarkup(keyboard(part.keyboard()))
                .replyParameters(replyParameters(target.replyTo()))
                .allowPaidBroadcast(target.paidBroadcast() ? Boolean.TRUE : null)
                .build();
    }

    static ReplyParameters replyParameters(Integer replyTo) {
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
                .linkPreviewOptions(NO_PREVIEW)
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
