package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * Stands between the library's polling session and the Bot API, for {@code getUpdates} only. TelegramBots turns
 * every non-2xx answer into an exception, logs it with a stack trace each time and ignores {@code retry_after};
 * here a failed poll is logged once per run of failures, with what it means (409: another instance or a webhook
 * uses the token), the session waits (its own back-off capped by the settings, or {@code retry_after} for 429)
 * and the library then sees an empty list of updates and polls again. The token never reaches a log line.
 */
final class PollGuard implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(PollGuard.class);
    private static final MediaType JSON = MediaType.parse("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Waits; a seam so that tests of the guard need not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final BackOff backOff;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final Duration maxBackOff;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile Instant lastAnswer;
    private volatile Failing failing;
    private int failures;
    private int lastCode = -1;

    /** getUpdates has failed since {@code since}; the latest failure is {@code description}. */
    record Failing(Instant since, String description) {}

    PollGuard(BackOff backOff, Sleeper sleeper, Redactor redactor, Duration maxBackOff, Clock clock) {
        this.backOff = backOff;
        this.sleeper = sleeper;
        this.redactor = redactor;
        this.maxBackOff = maxBackOff;
        this.clock = clock;
    }

    /** When a getUpdates call last got a good answer; null before the first. */
    Instant lastAnswer() {
        return lastAnswer;
    }

    /** The current run of failed getUpdates calls; null when the last call went well. */
    Failing failing() {
        return failing;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        // TelegramBots writes method names in lower case (getupdates); the Bot API ignores case
        if (!request.url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
            return chain.proceed(request);
        }
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            if (stopping) return empty(request);
            fail(0, "network error: " + redactor.describe(e), 0);
            return empty(request);
        }
        if (response.isSuccessful() || stopping) {
            recovered();
            return response;
        }
        String description;
        long retryAfter = 0;
        try (response) {
            String body = response.body().string();
            JsonNode json = MAPPER.readTree(body);
            description = json.path("description").asText(response.message());
            retryAfter = json.path("parameters").path("retry_after").asLong(0);
        } catch (IOException | RuntimeException e) {
            description = response.message();
        }
        fail(response.code(), redactor.text(description), retryAfter);
        return empty(request);
    }

    /**
     * The bot is stopping: the poll in flight is left to end by itself (cancelling it would make the library log
     * an error), and whatever happens to it is not reported.
     */
    void stop() {
        stopping = true;
    }

    private synchronized void recovered() {
        lastAnswer = clock.instant();
        failing = null;
        if (failures > 0) log.info("Telegram getUpdates works again after {} failed attempt(s)", failures);
        failures = 0;
        lastCode = -1;
        backOff.reset();
    }

    private void fail(int code, String description, long retryAfterSeconds) throws IOException {
        long wait;
        synchronized (this) {
            failures++;
            String shown = code == 0 ? description : code + " " + description;
            failing = new Failing(failing == null ? clock.instant() : failing.since(), shown);
            wait = backOff.nextBackOffMillis();
            if (code == 429) wait = Math.max(wait, retryAfterSeconds * 1000);
            if (code != lastCode) {
                lastCode = code;
                if (code == 409) {
                    log.error(
                            "Telegram getUpdates: 409 {} -- another process is receiving updates for this bot token"
                                    + " (a second instance of this bot, or a webhook set for it). Only one may run"
                                    + " per token: stop the other instance or delete the webhook. Retrying with"
                                    + " back-off up to {}; logged once until polling works again.",
                            description,
                            CappedBackOff.describe(maxBackOff));
                } else if (code == 401) {
                    log.error(
                            "Telegram getUpdates: 401 {} -- the bot token is no longer valid (revoked or replaced in"
                                    + " @BotFather). Put the new token in TELEGRAM_BOT_TOKEN and restart the bot;"
                                    + " /healthz reports telegram down meanwhile. Retrying with back-off up to {};"
                                    + " logged once.",
                            description,
                            CappedBackOff.describe(maxBackOff));
                } else if (code == 429) {
                    log.warn("Telegram getUpdates: 429 {}; waiting {} s as asked", description, wait / 1000);
                } else {
                    log.warn(
                            "Telegram getUpdates failed ({}); retrying with back-off up to {}; logged once until"
                                    + " polling works again",
                            shown,
                            CappedBackOff.describe(maxBackOff));
                }
            } else {
                log.debug("Telegram getUpdates failed again ({} {}), attempt {}", code, description, failures);
            }
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while backing off", e);
        }
    }

    private static Response empty(Request request) {
        return new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK (after a failed poll)")
                .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", JSON))
                .build();
    }
}
