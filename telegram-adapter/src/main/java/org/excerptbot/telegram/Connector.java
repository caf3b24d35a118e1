package org.excerptbot.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.excerptbot.core.platform.PlatformRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Runs the bot's start-up: getMe, which says who the bot is, then the calls that make updates arrive (deleteWebhook
 * and polling, or setWebhook), made for that identity. While the Bot API cannot be reached or answers with a
 * server error, the failure is logged once, saying what happened, and the remaining calls are retried in the
 * background with back-off up to a cap, so that the process starts and becomes healthy when Telegram answers. A
 * refusal that no retry can fix (401: the token; another 4xx) stops it: thrown as
 * {@link PlatformRefusedException} when it happens on the first attempt, otherwise logged and reported by
 * {@link #status()}. The attempts run one at a time, on the caller's thread first and then on the scheduler.
 */
final class Connector {
    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    /** One start-up call. */
    @FunctionalInterface
    interface Call {
        void run() throws TelegramApiException;
    }

    /** The getMe call: who the bot is. */
    @FunctionalInterface
    interface Identify {
        BotIdentity run() throws TelegramApiException;
    }

    /**
     * A start-up call after getMe.
     *
     * @param refusal what to tell the operator when the call is refused with a 4xx other than 401
     */
    record Step(String method, String refusal, Call call) {}

    /** Where the start-up is. */
    enum State {
        CONNECTING,
        CONNECTED,
        REFUSED,
        STOPPED
    }

    /**
     * The state, with what went wrong last (empty when nothing did), when the state was reached, and who the bot
     * is once getMe has answered.
     */
    record Status(State state, String problem, Instant since, Optional<BotIdentity> me) {}

    private final URI apiUrl;
    private final Redactor redactor;
    private final CappedBackOff backOff;
    private final Duration maxBackOff;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Identify identify;
    private final Function<BotIdentity, List<Step>> open;
    private int failures;
    private volatile Status status;

    /**
     * @param open the calls that make updates arrive for the bot getMe identified; asked once
     */
    Connector(
            URI apiUrl,
            Redactor redactor,
            Duration maxBackOff,
            ScheduledExecutorService scheduler,
            Clock clock,
            Identify identify,
            Function<BotIdentity, List<Step>> open) {
        this.apiUrl = apiUrl;
        this.redactor = redactor;
        this.backOff = CappedBackOff.upTo(maxBackOff);
        this.maxBackOff = maxBackOff;
        this.scheduler = scheduler;
        this.clock = clock;
        this.identify = identify;
        this.open = open;
        this.status = new Status(State.CONNECTING, "", clock.instant(), Optional.empty());
    }

    Status status() {
        return status;
    }

    /**
     * Makes the first attempt on this thread; if Telegram cannot be reached, returns and retries in the
     * background.
     *
     * @throws PlatformRefusedException when the Bot API refuses the token or a start-up call
     */
    void start() {
        identify(true);
    }

    /** No more attempts. */
    void stop() {
        status = new Status(State.STOPPED, "", clock.instant(), status.me());
    }

    private void identify(boolean first) {
        if (status.state() == State.STOPPED) return;
        BotIdentity me;
        try {
            me = identify.run();
        } catch (TelegramApiException | RuntimeException e) {
            failed("getMe", "", e, first).ifPresent(wait -> schedule(() -> identify(false), wait));
            return;
        }
        status = new Status(State.CONNECTING, "", status.since(), Optional.of(me));
        run(me, open.apply(me), 0, first);
    }

    private void run(BotIdentity me, List<Step> steps, int from, boolean first) {
        for (int i = from; i < steps.size(); i++) {
            if (status.state() == State.STOPPED) return;
            Step step = steps.get(i);
            try {
                step.call().run();
            } catch (TelegramApiException | RuntimeException e) {
                int at = i;
                failed(step.method(), step.refusal(), e, first)
                        .ifPresent(wait -> schedule(() -> run(me, steps, at, false), wait));
                return;
            }
        }
        if (status.state() == State.STOPPED) return;
        if (failures > 0) {
            log.info("Telegram: connected to the Bot API at {} after {} failed attempt(s)", apiUrl, failures);
        }
        failures = 0;
        status = new Status(State.CONNECTED, "", clock.instant(), Optional.of(me));
        log.info("Telegram: running as @{}", me.username());
    }

    /** Acts on a failed call; the least wait before the next attempt, empty when there is none. */
    private Optional<Duration> failed(String method, String refusal, Exception e, boolean first) {
        CallFailure failure = CallFailure.of(e, redactor);
        int code = failure.kind() == CallFailure.Kind.ANSWERED ? failure.code() : 0;
        if (code == 401 || (code == 404 && method.equals("getMe"))) {
            refuse(
                    "Telegram refused the bot token (" + method + " at " + apiUrl + ": " + code + " "
                            + failure.detail() + "). Check TELEGRAM_BOT_TOKEN: copy the token again from @BotFather"
                            + " (/mybots, API Token); it looks like 123456789:AAE... If TELEGRAM_API_URL is set, check"
                            + " that it points at a Bot API server.",
                    first);
            return Optional.empty();
        }
        if (code >= 400 && code < 500 && code != 429) {
            refuse("Telegram refused " + method + " (" + code + " " + failure.detail() + "): " + refusal, first);
            return Optional.empty();
        }
        failures++;
        String problem = failure.describe(method, apiUrl);
        if (failures == 1) {
            log.warn(
                    "Telegram: {}. The bot keeps running and retries with back-off up to {}; /healthz reports"
                            + " telegram down until it connects. {} Logged once until it connects.",
                    problem,
                    CappedBackOff.describe(maxBackOff),
                    failure.advice());
        } else {
            log.debug("Telegram: start-up attempt {} failed ({})", failures, problem);
        }
        status = new Status(State.CONNECTING, problem, status.since(), status.me());
        return Optional.of(failure.retryAfter());
    }

    private void refuse(String message, boolean first) {
        status = new Status(State.REFUSED, message, clock.instant(), status.me());
        if (first) throw new PlatformRefusedException(message);
        log.error("{} The bot stops trying; restart it once this is fixed.", message);
    }

    private void schedule(Runnable attempt, Duration retryAfter) {
        long wait = Math.max(backOff.nextBackOffMillis(), retryAfter.toMillis());
        try {
            scheduler.schedule(attempt, wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the bot is stopping
        }
    }
}
