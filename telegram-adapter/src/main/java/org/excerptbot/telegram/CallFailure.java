package org.excerptbot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * How a Bot API call failed, in the words a log line and {@code /healthz} need: the Bot API answered with an
 * error, a server answered with something that is not a Bot API answer, or nothing answered at all (the network).
 * Only the last is a matter of TELEGRAM_API_URL, the network and proxies.
 *
 * @param code the HTTP status (or the Bot API's {@code error_code}); 0 when none is known
 * @param detail what the answer or the failure said, the token masked
 * @param retryAfter how long a 429 asked to wait; zero otherwise
 */
record CallFailure(Kind kind, int code, String detail, Duration retryAfter) {
    /** Who answered, if anyone. */
    enum Kind {
        /** The Bot API answered with an error ({@code ok: false}). */
        ANSWERED,
        /** A server answered with something that is not a Bot API answer. */
        UNREADABLE,
        /** No answer: the network failed, or the server could not be reached. */
        UNREACHED
    }

    static CallFailure of(Throwable failure, Redactor redactor) {
        Throwable t = ApiErrors.unwrap(failure);
        if (t instanceof TelegramApiRequestException e && e.getErrorCode() != null && e.getErrorCode() > 0) {
            Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            return new CallFailure(
                    Kind.ANSWERED,
                    e.getErrorCode(),
                    redactor.text(e.getApiResponse() == null ? "" : e.getApiResponse()),
                    Duration.ofSeconds(after == null ? 0 : Math.max(0, after)));
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnreadableAnswerException u) {
                return new CallFailure(Kind.UNREADABLE, u.status(), redactor.text(u.getMessage()), Duration.ZERO);
            }
        }
        if (ApiErrors.acceptedUnreadably(t)) {
            return new CallFailure(Kind.UNREADABLE, 0, "HTTP 2xx: " + firstLine(t.getCause()), Duration.ZERO);
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException && !(c instanceof JsonProcessingException)) {
                return new CallFailure(Kind.UNREACHED, 0, redactor.describe(t), Duration.ZERO);
            }
        }
        // neither an answer nor a network error: an answer the bot could not use (getMe without a username)
        return new CallFailure(Kind.UNREADABLE, 0, redactor.describe(t), Duration.ZERO);
    }

    /** One sentence: what happened to {@code method} at {@code api}. */
    String describe(String method, URI api) {
        return switch (kind) {
            case ANSWERED -> "the Bot API at " + api + " answered " + method + " with HTTP " + code + ": " + detail;
            case UNREADABLE -> "the server at " + api + " answered " + method
                    + " with something that is not a Bot API answer (" + detail + ")";
            case UNREACHED -> "cannot reach the Bot API (" + method + " at " + api + ": " + detail + ")";
        };
    }

    /** What to do about it, for the operator; empty when there is nothing to do but wait. */
    String advice() {
        return switch (kind) {
            case ANSWERED -> code == 429
                    ? "Telegram asked to wait " + retryAfter.toSeconds() + " s."
                    : "Nothing to change here unless TELEGRAM_API_URL points at a Bot API server of your own.";
            case UNREADABLE -> "Check that TELEGRAM_API_URL points at a Bot API server (such as"
                    + " https://api.telegram.org), not at another web server or a proxy's error page.";
            case UNREACHED -> "Check TELEGRAM_API_URL, the network and any proxy.";
        };
    }

    private static String firstLine(Throwable t) {
        if (t == null || t.getMessage() == null) return "unreadable";
        return t.getMessage().lines().findFirst().orElse("unreadable");
    }
}
