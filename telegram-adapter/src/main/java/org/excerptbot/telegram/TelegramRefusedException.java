package org.excerptbot.telegram;

/**
 * The Bot API refused the bot's configuration at start-up (the token, or the webhook): retrying cannot help, a
 * person has to fix a setting. The message says which and how.
 */
public final class TelegramRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TelegramRefusedException(String message) {
        super(message);
    }
}
