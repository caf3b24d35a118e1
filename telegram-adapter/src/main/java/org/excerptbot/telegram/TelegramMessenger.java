package org.excerptbot.telegram;

import java.util.List;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The {@link Messenger} for Telegram, used for bulk sends such as daily posts: each call makes one attempt per
 * message and maps the Bot API's answer to a {@link SendOutcome} (429 → RateLimited with {@code retry_after}, 403
 * → Forbidden, 400 with {@code migrate_to_chat_id} → Migrated, other 4xx → Failed not retryable, network errors
 * and 5xx → Failed retryable, as {@link ApiErrors} classifies them); it never retries or waits by itself. Forbidden
 * and migrated chats are also reported to the {@link org.excerptbot.core.delivery.ChatStatusListener}, once each,
 * and later sends follow a migration. A daily post goes out at most once: one the Bot API took counts as sent even
 * when its answer cannot be read, and one whose request was sent but got no answer (the connection dropped, the
 * answer timed out) is a failure that is not retried. A request that never left (connection refused, unknown
 * host, connect timeout) is retried.
 *
 * <p>A bulk send is TelegramBots' {@code execute}, waited for by the calling thread (a sender of the delivery
 * engine), on a client of its own with its own request limit, so that a fan-out never queues behind replies to
 * users nor takes their room.
 */
public final class TelegramMessenger implements Messenger {
    private final Outbox outbox;
    private final HtmlRenderer renderer;
    private final TelegramClient client;
    private final boolean paidBroadcast;

    /**
     * @param client the client bulk sends go through (its own connection limits, apart from the replies')
     * @param paidBroadcast whether daily posts are sent with {@code allow_paid_broadcast} (paid per message)
     */
    TelegramMessenger(Outbox outbox, HtmlRenderer renderer, TelegramClient client, boolean paidBroadcast) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.client = Objects.requireNonNull(client, "client");
        this.paidBroadcast = paidBroadcast;
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public SendOutcome send(ChatRef chat, Reply reply) {
        if (chat.platform() != Platform.TELEGRAM) {
            throw new IllegalArgumentException("chat: not a Telegram chat: " + chat);
        }
        List<HtmlRenderer.Rendered> parts = renderer.render(reply);
        SendOutcome outcome = null;
        for (HtmlRenderer.Rendered part : parts) {
            outcome = sendOnce(chat, part);
            if (!(outcome instanceof SendOutcome.Sent)) return outcome;
        }
        return outcome;
    }

    /** Where a daily post to the chat goes: its current id, the topic it subscribed in, paid if so configured. */
    private BotMessages.Target target(ChatRef chat) {
        long id = outbox.states().resolve(Long.parseLong(chat.id()));
        return new BotMessages.Target(id, BotMessages.thread(chat), null, paidBroadcast);
    }

    /** One attempt at one message: the outcome is for the caller to act on, and is reported to the outbox. */
    private SendOutcome sendOnce(ChatRef chat, HtmlRenderer.Rendered part) {
        long id = Long.parseLong(chat.id());
        ChatStates states = outbox.states();
        if (states.isForbidden(id)) {
            return new SendOutcome.Forbidden("the chat refused the bot earlier; not sent again");
        }
        if (part.picture().isPresent()) return sendPhotoOnce(chat, part);
        SendOutcome outcome;
        try {
            Message sent = client.execute(BotMessages.sendMessage(target(chat), part));
            outcome = new SendOutcome.Sent(String.valueOf(sent.getMessageId()));
        } catch (TelegramApiException | RuntimeException e) {
            outcome = outbox.settle(chat, "sendMessage", e);
        }
        outbox.report(chat, "sendMessage", outcome);
        return outcome;
    }

    /**
     * One attempt at one photo: by the file_id of an earlier upload of the picture when there is one. An id that
     * Telegram refuses (nothing was shown) is forgotten and the picture uploaded in the same attempt.
     */
    private SendOutcome sendPhotoOnce(ChatRef chat, HtmlRenderer.Rendered part) {
        BotMessages.Target target = target(chat);
        var picture = part.picture().orElseThrow();
        PhotoIds ids = outbox.photoIds();
        String fileId = ids.find(picture).orElse(null);
        SendOutcome outcome;
        while (true) {
            try {
                Message sent = client.execute(BotMessages.sendPhoto(target, part, fileId));
                BotMessages.largestPhoto(sent).ifPresent(id -> ids.remember(picture, id));
                outcome = new SendOutcome.Sent(String.valueOf(sent.getMessageId()));
            } catch (TelegramApiException | RuntimeException e) {
                outcome = outbox.settle(chat, "sendPhoto", e);
            }
            if (fileId == null || !PhotoIds.refused(outcome)) break;
            ids.forget(picture);
            fileId = null;
        }
        outbox.report(chat, "sendPhoto", outcome);
        return outcome;
    }
}
