package org.excerptbot.telegram;

import java.io.IOException;

/**
 * A server answered a Bot API call with an error status and a body that is not a Bot API answer (a proxy's HTML
 * error page, a web server that is not a Bot API server). Raised by {@link AnswerCheck}; an {@link IOException}
 * because it takes OkHttp's failure path, which TelegramBots hands on as the cause.
 */
final class UnreadableAnswerException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    UnreadableAnswerException(int status, String body) {
        super("HTTP " + status + ": " + body);
        this.status = status;
    }

    /** The HTTP status the server answered with. */
    int status() {
        return status;
    }
}
