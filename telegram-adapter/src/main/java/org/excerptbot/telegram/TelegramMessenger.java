package org.excerptbot.telegram;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;

/**
 * The {@link Messenger} for Telegram, used for bulk sends such as daily posts: each call makes one attempt per
 * message and maps the Bot API's answer to a {@link SendOutcome} (429 → RateLimited with {@code retry_after}, 403
 * → Forbidden, 400 with {@code migrate_to_chat_id} → Migrated, other 4xx → Failed not retryable, network errors
 * and 5xx → Failed retryable); it never retries or waits by itself. Forbidden and migrated chats are also
 * reported to the {@link org.excerptbot.core.delivery.ChatStatusListener}, once each.
 */
public final class TelegramMessenger implements Messenger {
    private static final long TIMEOUT_SECONDS = 60;
    private final Outbox outbox;
    private final HtmlRenderer renderer;

    TelegramMessenger(Outbox outbox, HtmlRenderer renderer) {
        this.outbox = outbox;
        this.renderer = renderer;
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
            outcome = await(outbox.sendOnce(chat, part));
            if (!(outcome instanceof SendOutcome.Sent)) return outcome;
        }
        return outcome;
    }

    private static SendOutcome await(java.util.concurrent.CompletableFuture<SendOutcome> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Failed("interrupted while sending", true);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new SendOutcome.Failed("no answer from the Bot API within " + TIMEOUT_SECONDS + " s", true);
        } catch (ExecutionException e) {
            return new SendOutcome.Failed(
                    "unexpected failure: " + e.getCause().getClass().getSimpleName(), true);
        }
    }
}
