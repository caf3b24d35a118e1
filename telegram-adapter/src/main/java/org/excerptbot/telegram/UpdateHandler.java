package org.excerptbot.telegram;

import java.util.Locale;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.InaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * What the bot does with one update: a command or plain text is translated, dispatched, rendered and answered through
 * the {@link Outbox}; a button press is answered in place (and its callback query answered), an error or a personal
 * reply only in the presser's callback answer; an inline query gets its
 * results; a migration or a change of the bot's membership is recorded and reported. Runs on the caller's thread
 * until the requests are handed to the outbox.
 */
final class UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);
    private static final int CALLBACK_TEXT = 200;

    private final UpdateTranslator translator;
    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final HtmlRenderer renderer;
    private final InlineQueries inline;
    private final Outbox outbox;
    private final ChatStatusListener listener;
    private final Redactor redactor;

    UpdateHandler(
            UpdateTranslator translator,
            CommandDispatcher dispatcher,
            Messages messages,
            HtmlRenderer renderer,
            InlineQueries inline,
            Outbox outbox,
            ChatStatusListener listener,
            Redactor redactor) {
        this.translator = translator;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.renderer = renderer;
        this.inline = inline;
        this.outbox = outbox;
        this.listener = listener;
        this.redactor = redactor;
    }

    /** Handles one update: answers commands, button presses and inline queries; records membership changes. */
    void handle(Update update) {
        if (update.getMessage() != null) {
            onMessage(update.getMessage());
        } else if (update.getChannelPost() != null) {
            onMessage(update.getChannelPost());
        } else if (update.getCallbackQuery() != null) {
            onCallback(update.getCallbackQuery());
        } else if (update.getInlineQuery() != null) {
            outbox.call(inline.answer(update.getInlineQuery())).whenComplete((ok, error) -> {
                if (error != null) log.warn("Telegram: answerInlineQuery failed: {}", redactor.describe(error));
            });
        } else if (update.getMyChatMember() != null) {
            onMembership(update.getMyChatMember());
        }
    }

    private void onMessage(Message message) {
        if (message.getMigrateToChatId() != null) {
            ChatRef chat = UpdateTranslator.chat(message.getChat());
            String to = String.valueOf(message.getMigrateToChatId());
            if (outbox.states().moved(message.getChatId(), message.getMigrateToChatId())) {
                log.info("Telegram: group {} became supergroup {}", chat.id(), to);
                listener.chatMigrated(chat, to);
            }
            return;
        }
        outbox.states().allow(message.getChatId());
        Optional<UpdateTranslator.Translation> translation = translator.message(message);
        if (translation.isEmpty()) return;
        if (translation.get() instanceof UpdateTranslator.Translation.PlainText plain) {
            String hint = messages.texts(plain.locale()).get("telegram.hint.plain");
            outbox.reply(plain.chat(), renderer.render(Reply.notice(hint)));
            return;
        }
        var request = ((UpdateTranslator.Translation.Command) translation.get()).request();
        // in a group the answer is threaded to its command, so that it stays attached among other messages; in a
        // private chat (one conversation) and a channel (no discussion) the quote would only be noise
        Integer replyTo = request.chat().type() == ChatType.GROUP ? message.getMessageId() : null;
        dispatcher.dispatch(request).ifPresent(reply -> outbox.reply(request.chat(), renderer.render(reply), replyTo));
    }

    private void onCallback(CallbackQuery query) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer =
                AnswerCallbackQuery.builder().callbackQueryId(query.getId());
        try {
            var request = translator.callback(query);
            if (request.isEmpty()) {
                Locale locale = UpdateTranslator.locale(query.getFrom());
                answer.text(messages.texts(locale).get("error.action.expired")).showAlert(true);
                return;
            }
            Optional<Reply> reply = dispatcher.dispatch(request.get());
            if (reply.isEmpty()) return;
            if (reply.get().kind() == Reply.Kind.ERROR) {
                answer.text(shorten(reply.get().plainText(), CALLBACK_TEXT)).showAlert(true);
                return;
            }
            // the presser alone asked, and others read the message the button is on: tell them in a toast only
            if (reply.get().personal()) {
                answer.text(shorten(reply.get().plainText(), CALLBACK_TEXT));
                return;
            }
            ChatRef chat = request.get().chat();
            var parts = renderer.render(reply.get());
            // a card goes into the chat as a new photo: the excerpt it was made from stays where it is
            if (query.getMessage() instanceof InaccessibleMessage || reply.get().hasPictures()) {
                outbox.reply(chat, parts);
            } else {
                outbox.edit(chat, query.getMessage().getMessageId(), parts);
            }
        } finally {
            outbox.call(answer.build()).whenComplete((ok, error) -> {
                if (error != null) log.warn("Telegram: answerCallbackQuery failed: {}", redactor.describe(error));
            });
        }
    }

    private void onMembership(ChatMemberUpdated change) {
        String status = change.getNewChatMember() == null
                ? ""
                : change.getNewChatMember().getStatus();
        long chatId = change.getChat().getId();
        ChatRef chat = UpdateTranslator.chat(change.getChat());
        if ("kicked".equals(status) || "left".equals(status)) {
            if (outbox.states().forbid(chatId)) {
                log.info("Telegram: the bot was removed from chat {} ({})", chatId, status);
                listener.chatForbidden(chat, "the bot was removed from the chat (" + status + ")");
            }
        } else if ("member".equals(status) || "administrator".equals(status)) {
            outbox.states().allow(chatId);
        }
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
