package org.excerptbot.core.delivery;

import java.time.Duration;

/** What became of one send; platform errors are mapped to these by the adapters and never swallowed. */
public sealed interface SendOutcome {
    /** Delivered; {@code messageId} is the platform's id of the message. */
    record Sent(String messageId) implements SendOutcome {}

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
