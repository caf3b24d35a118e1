package org.excerptbot.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Publishes the command menus (setMyCommands, one list per language) in the background, so that a Bot API that
 * will not take them never keeps the bot from answering: a network error, a 5xx or a 429 is logged once and
 * retried with back-off up to the cap ({@code retry_after} for a 429); a refusal (another 4xx) is logged and not
 * retried, since the same list would be refused again. {@link #problem()} says what is missing meanwhile.
 */
final class CommandMenus {
    private static final Logger log = LoggerFactory.getLogger(CommandMenus.class);

    private final TelegramClient client;
    private final List<SetMyCommands> lists;
    private final ScheduledExecutorService scheduler;
    private final URI apiUrl;
    private final Redactor redactor;
    private final Duration maxBackOff;
    private final CappedBackOff backOff;
    private int failures;
    private volatile boolean stopped;
    private volatile Optional<String> problem = Optional.of("not published yet");

    CommandMenus(
            TelegramClient client,
            List<SetMyCommands> lists,
            ScheduledExecutorService scheduler,
            URI apiUrl,
            Redactor redactor,
            Duration maxBackOff) {
        this.client = client;
        this.lists = List.copyOf(lists);
        this.scheduler = scheduler;
        this.apiUrl = apiUrl;
        this.redactor = redactor;
        this.maxBackOff = maxBackOff;
        this.backOff = CappedBackOff.upTo(maxBackOff);
    }

    /** Starts publishing, on the scheduler; returns at once. */
    void publish() {
        schedule(() -> attempt(0, Optional.empty()), 0);
    }

    /** What keeps the menus from being published; empty once they all are. */
    Optional<String> problem() {
        return problem;
    }

    /** No more attempts. */
    void stop() {
        stopped = true;
    }

    private void attempt(int from, Optional<String> refused) {
        Optional<String> refusal = refused;
        for (int i = from; i < lists.size(); i++) {
            if (stopped) return;
            SetMyCommands list = lists.get(i);
            try {
                client.execute(list);
                continue;
            } catch (TelegramApiException | RuntimeException e) {
                CallFailure failure = CallFailure.of(e, redactor);
                String what = failure.describe("setMyCommands", apiUrl);
                failures++;
                if (!isRefusal(failure)) {
                    retryLater(i, refusal, failure, what);
                    return;
                }
                String menu = list.getLanguageCode() == null ? "default" : list.getLanguageCode();
                refusal = Optional.of("the " + menu + " menu was refused: " + what);
                log.warn("Telegram: {}; that menu stays as it was. Commands are answered all the same.", what);
            }
        }
        if (refusal.isEmpty() && failures > 0) {
            log.info("Telegram: command menus published after {} failed attempt(s)", failures);
        }
        problem = refusal;
    }

    /** A 4xx other than 429: the same list would be refused again. */
    private static boolean isRefusal(CallFailure failure) {
        return failure.kind() == CallFailure.Kind.ANSWERED
                && failure.code() >= 400
                && failure.code() < 500
                && failure.code() != 429;
    }

    private void retryLater(int index, Optional<String> refused, CallFailure failure, String what) {
        problem = Optional.of(what);
        if (failures == 1) {
            log.warn(
                    "Telegram: the command menus are not published yet ({}). Commands are answered all the same;"
                            + " retrying with back-off up to {}, /healthz reports telegram degraded meanwhile. {}"
                            + " Logged once.",
                    what,
                    CappedBackOff.describe(maxBackOff),
                    failure.advice());
        } else {
            log.debug("Telegram: setMyCommands attempt {} failed ({})", failures, what);
        }
        long wait = Math.max(backOff.nextBackOffMillis(), failure.retryAfter().toMillis());
        schedule(() -> attempt(index, refused), wait);
    }

    private void schedule(Runnable attempt, long waitMillis) {
        try {
            scheduler.schedule(attempt, waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the bot is stopping
        }
    }
}
