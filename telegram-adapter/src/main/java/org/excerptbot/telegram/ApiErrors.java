package org.excerptbot.telegram;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.excerptbot.core.delivery.NetworkFailures;
import org.excerptbot.core.delivery.SendOutcome;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Maps what the Bot API (through TelegramBots) answered to a {@link SendOutcome}: 429 with {@code retry_after},
 * 403, 400 with {@code migrate_to_chat_id} (matched on the parameter, not the text), other 4xx (not retryable),
 * 5xx, unreadable answers and network errors (retryable).
 */
final class ApiErrors {
    /** The wait when a 429 carries no {@code retry_after}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

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
        // an unreadable answer (a proxy's HTML error page), a network error or a timeout: worth another try
        return new SendOutcome.Failed(redactor.describe(t), true);
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
}
