package org.excerptbot.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Runs the bot's start-up calls in order (getMe, setMyCommands, then deleteWebhook and polling, or setWebhook)
 * and keeps trying while the Bot API cannot be reached: a network error, a 5xx or a 429 is logged once, clearly,
 * and the remaining calls are retried in the background with back-off up to a cap, so that the process starts
 * and becomes healthy when Telegram answers. A refusal that no retry can fix (401: the token; a 4xx to a required
 * call) stops it: thrown as {@link TelegramRefusedException} when it happens on the first attempt, otherwise
 * logged and reported by {@link #status()}.
 */
final class Connector {
    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    /** One start-up call. */
    @FunctionalInterface
    interface Call {
        void run() throws TelegramApiException;
    }

    /**
     * A start-up call and what a 4xx answer to it means.
     *
     * @param required a 4xx stops the start-up (otherwise it is logged and the next call follows)
     * @param refusal what to tell the operator when the call is refused with a 4xx other than 401
     */
    record Step(String method, boolean required, String refusal, Call call) {}

    /** Where the start-up is. */
    enum State {
        CONNECTING,
        CONNECTED,
        REFUSED,
        STOPPED
    }

    /** The state, with what went wrong last (empty when nothing did) and when the state was reached. */
    record Status(State state, String problem, Instant since) {}

    private final URI apiUrl;
    private final Redactor redactor;
    private final CappedBackOff backOff;
    private final Duration maxBackOff;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final List<Step> steps;
    private int next;
    private int failures;
    private volatile Status status;

    Connector(
            URI apiUrl,
            Redactor redactor,
            Duration maxBackOff,
            ScheduledExecutorService scheduler,
            Clock clock,
            List<Step> steps) {
        this.apiUrl = apiUrl;
        this.redactor = redactor;
        this.backOff = CappedBackOff.upTo(maxBackOff);
        this.maxBackOff = maxBackOff;
        this.scheduler = scheduler;
        this.clock = clock;
        this.steps = List.copyOf(steps);
        this.status = new Status(State.CONNECTING, "", clock.instant());
    }

    Status status() {
        return status;
    }

    /**
     * Makes the first attempt on this thread; if Telegram cannot be reached, returns and retries in the
     * background.
     *
     * @throws TelegramRefusedException when the Bot API refuses the token or a required call
     */
    void start() {
        attempt(true);
    }

    /** No more attempts. */
    void stop() {
        status = new Status(State.STOPPED, "", clock.instant());
    }

    private void attempt(boolean first) {
        while (next < steps.size()) {
            if (status.state() == State.STOPPED) return;
            Step step = steps.get(next);
            try {
                step.call().run();
                next++;
            } catch (TelegramApiException | RuntimeException e) {
                if (!failed(step, e, first)) return;
                next++;
            }
        }
        if (failures > 0)
            log.info("Telegram: connected to the Bot API at {} after {} failed attempt(s)", apiUrl, failures);
        failures = 0;
        status = new Status(State.CONNECTED, "", clock.instant());
    }

    /** Acts on a failed call; true when the start-up goes on with the next call. */
    private boolean failed(Step step, Exception e, boolean first) {
        Integer code = e instanceof TelegramApiRequestException r ? r.getErrorCode() : null;
        String answer = describe(e, code);
        if (code != null && (code == 401 || (code == 404 && step.method().equals("getMe")))) {
            refuse(
                    "Telegram refused the bot token (" + step.method() + " at " + apiUrl + ": " + answer
                            + "). Check TELEGRAM_BOT_TOKEN: copy the token again from @BotFather (/mybots, API"
                            + " Token); it looks like 123456789:AAE... If TELEGRAM_API_URL is set, check that it"
                            + " points at a Bot API server.",
                    first);
            return false;
        }
        if (code != null && code >= 400 && code < 500 && code != 429) {
            if (!step.required()) {
                log.warn("Telegram: {} refused ({}); {}", step.method(), answer, step.refusal());
                return true;
            }
            refuse("Telegram refused " + step.method() + " (" + answer + "): " + step.refusal(), first);
            return false;
        }
        retryLater(step, answer, retryAfter(e));
        return false;
    }

    private void refuse(String message, boolean first) {
        status = new Status(State.REFUSED, message, clock.instant());
        if (first) throw new TelegramRefusedException(message);
        log.error("{} The bot stops trying; restart it once this is fixed.", message);
    }

    private void retryLater(Step step, String answer, Duration retryAfter) {
        failures++;
        long wait = Math.max(backOff.nextBackOffMillis(), retryAfter.toMillis());
        String problem = step.method() + " at " + apiUrl + ": " + answer;
        if (failures == 1) {
            log.warn(
                    "Telegram: cannot reach the Bot API ({}). The bot keeps running and retries with back-off up to"
                            + " {}; /healthz reports telegram down until it connects. Check TELEGRAM_API_URL, the"
                            + " network and any proxy. Logged once until it connects.",
                    problem,
                    CappedBackOff.describe(maxBackOff));
        } else {
            log.debug("Telegram: start-up attempt {} failed ({}); next in {} ms", failures, problem, wait);
        }
        status = new Status(State.CONNECTING, "cannot reach the Bot API (" + problem + ")", status.since());
        try {
            scheduler.schedule(() -> attempt(false), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the bot is stopping
        }
    }

    private String describe(Exception e, Integer code) {
        if (e instanceof TelegramApiRequestException r && code != null && code > 0) {
            return code + " " + redactor.text(r.getApiResponse() == null ? "" : r.getApiResponse());
        }
        return redactor.describe(e);
    }

    private static Duration retryAfter(Exception e) {
        if (e instanceof TelegramApiRequestException r
                && r.getParameters() != null
                && r.getParameters().getRetryAfter() != null) {
            return Duration.ofSeconds(Math.max(0, r.getParameters().getRetryAfter()));
        }
        return Duration.ZERO;
    }
}
