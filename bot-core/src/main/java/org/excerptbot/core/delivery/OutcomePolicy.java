package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a started post (its row {@link DeliveryStatus#SENDING}), sent or not:
 *
 * <ul>
 *   <li>sent: handed to the {@link SentRecorder};
 *   <li>429: the chat waits {@code retry_after}, the platform pauses (capped), the row goes back to the queue
 *       without counting an attempt;
 *   <li>forbidden: the subscription is disabled and the row failed;
 *   <li>migrated: the subscription moves to the new chat id and the row is retried at once;
 *   <li>other failures: retried with doubling back-off when retryable, a bounded number of times, else failed.
 * </ul>
 *
 * A row whose outcome cannot be recorded stays sending and is never sent again (at most once).
 */
final class OutcomePolicy {
    private static final Logger log = LoggerFactory.getLogger(OutcomePolicy.class);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final SentRecorder recorder;
    private final Clock clock;
    private final DeliveryConfig config;
    private final DeliveryCounters counters;

    OutcomePolicy(
            DeliveryStore deliveries,
            SubscriptionStore subscriptions,
            SentRecorder recorder,
            Clock clock,
            DeliveryConfig config,
            DeliveryCounters counters) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Acts on the outcome of sending {@code post} for {@code claim}; {@code limiter} is its platform's. */
    void sent(Claim claim, Post post, SendOutcome outcome, PlatformRateLimiter limiter) {
        long id = claim.deliveryId();
        Subscription sub = claim.subscription();
        Instant now = clock.instant();
        try {
            if (outcome instanceof SendOutcome.Sent s) {
                recorder.record(new SentMark(
                        id, s.messageId(), post.item(), now, s.unpublished().map(Unpublished::recorded)));
            } else if (outcome instanceof SendOutcome.RateLimited r) {
                counters.rateLimited.incrementAndGet();
                Duration wait = r.retryAfter().isNegative() ? Duration.ZERO : r.retryAfter();
                limiter.rateLimited(sub.chat(), wait, now);
                deliveries.retryLater(id, now.plus(wait), false, "429: retry after " + wait.toSeconds() + " s");
                log.warn("429 from {} for {}: waiting {}", sub.chat().platform(), sub.chat(), wait);
            } else if (outcome instanceof SendOutcome.Forbidden f) {
                counters.forbidden.incrementAndGet();
                subscriptions.disable(sub.chat(), f.reason(), now);
                finish(id, DeliveryStatus.FAILED, "forbidden: " + f.reason(), now);
                log.info("{} forbids the bot ({}); its subscription is disabled", sub.chat(), f.reason());
            } else if (outcome instanceof SendOutcome.Migrated m) {
                counters.migrated.incrementAndGet();
                subscriptions.migrate(sub.chat(), m.newChatId(), now);
                log.info("{} moved to {}; its subscription follows", sub.chat(), m.newChatId());
                retryOrFail(claim, "moved to chat " + m.newChatId(), now, Duration.ZERO);
            } else if (outcome instanceof SendOutcome.Failed f) {
                log.warn("post {} to {} failed: {}", id, sub.chat(), f.reason());
                if (f.retryable()) {
                    retryOrFail(claim, f.reason(), now, backoff(claim.attempts()));
                } else {
                    finish(id, DeliveryStatus.FAILED, f.reason(), now);
                }
            }
        } catch (RuntimeException e) {
            // the row stays 'sending' and is never sent again: at most once
            log.error("could not record the outcome {} of post {} to {}", outcome, id, sub.chat(), e);
        }
    }

    /** Not sent on purpose (the subscription stopped, the post went stale). */
    void skipped(Claim claim, String reason) {
        finish(claim.deliveryId(), DeliveryStatus.SKIPPED, reason, clock.instant());
    }

    /** The chat's own rate limit holds the post back for {@code wait}: back to the queue, no attempt counted. */
    void chatBusy(Claim claim, Duration wait) {
        deliveries.retryLater(
                claim.deliveryId(), clock.instant().plus(wait), false, "waiting for the chat's rate limit");
    }

    /** The post could not be composed: retried like a failed send. */
    void notComposed(Claim claim, RuntimeException failure) {
        retryOrFail(claim, "could not prepare the post: " + failure, clock.instant(), backoff(claim.attempts()));
    }

    /** The wait after {@code attempts} failed attempts: the first back-off, doubled each time, capped. */
    Duration backoff(int attempts) {
        Duration backoff = config.firstBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
    }

    private void retryOrFail(Claim claim, String reason, Instant now, Duration backoff) {
        int attempts = claim.attempts() + 1;
        if (attempts >= config.maxAttempts()) {
            finish(
                    claim.deliveryId(),
                    DeliveryStatus.FAILED,
                    "gave up after " + attempts + " attempts: " + reason,
                    now);
            return;
        }
        counters.retried.incrementAndGet();
        deliveries.retryLater(claim.deliveryId(), now.plus(backoff), true, reason);
    }

    private void finish(long id, DeliveryStatus status, String detail, Instant now) {
        deliveries.finish(id, status, detail, now);
        (status == DeliveryStatus.FAILED ? counters.failed : counters.skipped).incrementAndGet();
    }
}
