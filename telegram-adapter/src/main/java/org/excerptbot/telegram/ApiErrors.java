package org.excerptbot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.excerptbot.core.delivery.NetworkFailures;
import org.excerptbot.core.delivery.SendOutcome;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Maps what became of a send (through TelegramBots) to a {@link SendOutcome}: 429 with {@code retry_after}, 403,
 * 400 with {@code migrate_to_chat_id} (matched on the parameter, not the text), other 4xx (not retryable), 5xx
 * (retryable). A message goes out at most once: a send the Bot API took is {@code Sent} even when its answer
 * cannot be read, and a failure that may have come after the request reached the Bot API (a dropped connection,
 * an answer that timed out, a proxy's error page) is not retryable. Only a request that never left (connection
 * refused, unknown host, connect timeout) may be sent again.
 */
final class ApiErrors {
    /** The wait when a 429 carries no {@code retry_after}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** The message id of a send the Bot API took without an answer that says which id it got. */
    static final String UNKNOWN_MESSAGE_ID = "";
    /** Ends the reason of a failure that may have delivered the message. */
    static final String NOT_SENT_AGAIN = " (after the request was sent, so it may have arrived; not sent again)";

    private ApiErrors() {}

    static SendOutcome classify(Throwable failure, Redactor redactor) {
        Throwable t = unwrap(failure);
        if (t instanceof TelegramApiRequestException e && e.getErrorCode() != null && e.getErrorCode() > 0) {
            int code = e.getErrorCode();
            ResponseParameters p = e.getParameters();
            String description = redactor.text(e.getApiResponse() == null ? "error " + code : e.getApiResponse());
            if (code == 429) {
                Integer after = p == null ? null : p.getRetryAfter();
                return new SendOutcome.RateLimited(
                        after == null || after < 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(after));
            }
            if (p != null && p.getMigrateToChatId() != null) {
                return new SendOutcome.Migrated(String.valueOf(p.getMigrateToChatId()));
            }
            if (code == 403) return new SendOutcome.Forbidden(description);
            return new SendOutcome.Failed(code + " " + description, code >= 500);
        }
        if (acceptedUnreadably(t)) return new SendOutcome.Sent(UNKNOWN_MESSAGE_ID);
        String reason = redactor.describe(t);
        if (unreadableStatus(t) >= 400 && unreadableStatus(t) < 500) return new SendOutcome.Failed(reason, false);
        if (mayHaveArrived(t)) return new SendOutcome.Failed(reason + NOT_SENT_AGAIN, false);
        return new SendOutcome.Failed(reason, true);
    }

    /** True for the reason of a failure that may have delivered the message (see {@link #classify}). */
    static boolean mayHaveArrived(SendOutcome.Failed failed) {
        return failed.reason().endsWith(NOT_SENT_AGAIN);
    }

    /**
     * True when a failure without an answer may have happened after the Bot API received the request: any network
     * error except those raised before a connection was made (refused, unknown host, no route, connect timeout).
     */
    static boolean mayHaveArrived(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TelegramApiRequestException e && e.getErrorCode() != null && e.getErrorCode() > 0) {
            return false; // the Bot API answered
        }
        return NetworkFailures.mayHaveArrived(t);
    }

    /**
     * True when the Bot API took the request but TelegramBots could not read its answer: the library's
     * "Unable to deserialize response", without a code, caused by the JSON parser. {@link AnswerCheck} has turned
     * every unreadable answer with an error status into an {@link UnreadableAnswerException} before the library
     * saw it, so what is left came with a 2xx.
     */
    static boolean acceptedUnreadably(Throwable failure) {
        return unwrap(failure) instanceof TelegramApiRequestException e
                && (e.getErrorCode() == null || e.getErrorCode() == 0)
                && e.getCause() instanceof JsonProcessingException;
    }

    /** True for 400 "message is not modified": the message already shows what an edit wanted. */
    static boolean notModified(Throwable failure) {
        return unwrap(failure) instanceof TelegramApiRequestException e
                && e.getErrorCode() != null
                && e.getErrorCode() == 400
                && e.getApiResponse() != null
                && e.getApiResponse().contains("message is not modified");
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** The HTTP status of an unreadable error answer in the failure's causes; 0 when there is none. */
    private static int unreadableStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnreadableAnswerException u) return u.status();
        }
        return 0;
    }
}
