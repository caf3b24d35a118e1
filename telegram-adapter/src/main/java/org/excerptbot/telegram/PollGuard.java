package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
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
 *
 * <p>A server that answers getUpdates at once with no updates, instead of holding the poll until updates arrive or
 * the poll's timeout ends, would make the library poll again at once, hundreds of times a second. An empty answer
 * that comes back in less than half the poll's timeout is followed by a pause that grows up to
 * {@link #MAX_EAGER_PAUSE}; updates, or a poll held as long as it should be, end the pauses.
 */
final class PollGuard implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(PollGuard.class);
    private static final MediaType JSON = MediaType.parse("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The longest pause after an empty answer that came back at once. */
    static final Duration MAX_EAGER_PAUSE = Duration.ofSeconds(5);
    /** The first pause after an empty answer that came back at once. */
    static final Duration FIRST_EAGER_PAUSE = Duration.ofMillis(200);
    /** A longer answer than this holds updates: an empty one is {@code {"ok":true,"result":[]}}. */
    private static final int EMPTY_ANSWER_BYTES = 64;

    /** Waits; a seam so that tests of the guard need not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final BackOff backOff;
    private final CappedBackOff eagerPauses = new CappedBackOff(FIRST_EAGER_PAUSE, MAX_EAGER_PAUSE);
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final Duration maxBackOff;
    private final Duration heldAtLeast;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile Optional<Instant> lastAnswer = Optional.empty();
    private volatile Optional<Failing> failing = Optional.empty();
    private volatile Optional<Instant> eagerSince = Optional.empty();
    private int failures;
    private int lastCode = -1;

    /** getUpdates has failed since {@code since}; the latest failure is {@code description}. */
    record Failing(Instant since, String description) {}

    /**
     * @param backOff the pauses after failed polls
     * @param sleeper waits those pauses (tests record them instead)
     * @param pollTimeout how long each poll asks the Bot API to hold it
     */
    PollGuard(
            BackOff backOff,
            Sleeper sleeper,
            Redactor redactor,
            Duration maxBackOff,
            Duration pollTimeout,
            Clock clock) {
        this.backOff = backOff;
        this.sleeper = sleeper;
        this.redactor = redactor;
        this.maxBackOff = maxBackOff;
        this.heldAtLeast = pollTimeout.dividedBy(2);
        this.clock = clock;
    }

    /** When a getUpdates call last got a good answer; empty before the first. */
    Optional<Instant> lastAnswer() {
        return lastAnswer;
    }

    /** The current run of failed getUpdates calls; empty when the last call went well. */
    Optional<Failing> failing() {
        return failing;
    }

    /** Since when getUpdates has answered at once with nothing, poll after poll; empty while polls are held. */
    Optional<Instant> eagerSince() {
        return eagerSince;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        // TelegramBots writes method names in lower case (getupdates); the Bot API ignores case
        if (!request.url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
            return chain.proceed(request);
        }
        Instant sent = clock.instant();
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
            if (!stopping) pauseIfEager(sent, response);
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

    /** After an empty answer that came back at once, waits before the library polls again. */
    private void pauseIfEager(Instant sent, Response response) throws IOException {
        Instant answered = clock.instant();
        boolean held = Duration.between(sent, answered).compareTo(heldAtLeast) >= 0;
        if (held || !emptyAnswer(response)) {
            if (eagerSince.isPresent()) log.info("Telegram getUpdates: the Bot API holds polls again");
            eagerSince = Optional.empty();
            eagerPauses.reset();
            return;
        }
        long pause;
        synchronized (this) {
            pause = eagerPauses.nextBackOffMillis();
            if (eagerSince.isEmpty()) {
                eagerSince = Optional.of(answered);
                log.warn(
                        "Telegram getUpdates: the Bot API answered at once with no updates instead of holding the poll"
                                + " for up to {} s; pausing between polls, up to {}, until it holds them again."
                                + " Logged once until it does.",
                        heldAtLeast.multipliedBy(2).toSeconds(),
                        CappedBackOff.describe(MAX_EAGER_PAUSE));
            }
        }
        pause(pause);
    }

    private static boolean emptyAnswer(Response response) throws IOException {
        byte[] head = response.peekBody(EMPTY_ANSWER_BYTES + 1).bytes();
        if (head.length > EMPTY_ANSWER_BYTES) return false;
        try {
            JsonNode result = MAPPER.readTree(head).path("result");
            return result.isArray() && result.isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private synchronized void recovered() {
        lastAnswer = Optional.of(clock.instant());
        failing = Optional.empty();
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
            failing = Optional.of(new Failing(failing.map(Failing::since).orElse(clock.instant()), shown));
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
        pause(wait);
    }

    private void pause(long millis) throws IOException {
        try {
            sleeper.sleep(millis);
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
