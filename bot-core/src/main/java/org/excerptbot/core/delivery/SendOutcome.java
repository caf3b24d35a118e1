package org.excerptbot.core.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What became of one send; platform errors are mapped to these by the adapters and never swallowed. */
public sealed interface SendOutcome {
    /**
     * Delivered; {@code messageId} is the platform's id of the message.
     *
     * @param unpublished present when the post arrived in an announcement channel but the platform did not publish it
     *     to the channel's followers (not retried: the post itself is there)
     */
    record Sent(String messageId, Optional<Unpublished> unpublished) implements SendOutcome {
        public Sent {
            Objects.requireNonNull(unpublished, "unpublished");
        }

        /** Delivered, with nothing missing. */
        public Sent(String messageId) {
            this(messageId, Optional.empty());
        }
    }

    /** The platform asked to wait (Telegram 429 {@code retry_after}, Discord 429); nothing was delivered. */
    record RateLimited(Duration retryAfter) implements SendOutcome {}

    /** The bot may no longer post there (blocked, kicked, missing access, unknown channel). */
    record Forbidden(String reason) implements SendOutcome {}

    /** The chat moved (Telegram group upgraded to a supergroup); send again to {@code newChatId}. */
    record Migrated(String newChatId) implements SendOutcome {}

    /**
     * Any other failure.
     *
     * @param retryable true for network errors and 5xx, false for a rejected request
     */
    record Failed(String reason, boolean retryable) implements SendOutcome {}
}
