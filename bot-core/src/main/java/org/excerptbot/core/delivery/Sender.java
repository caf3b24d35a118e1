package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one platform's claimed posts, run by several threads: each takes a post from the {@link Claimer}, checks
 * and composes it, waits for its turn under the platform's pacing, marks it {@link DeliveryStatus#SENDING} (if the
 * row is still this engine's), sends it once through the {@link Messenger} and hands the outcome to the
 * {@link OutcomePolicy}. The row stays {@link DeliveryStatus#CLAIMED} while the post waits for its turn, so that a
 * stop puts it back in the queue; only a started post is in flight.
 */
final class Sender {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    private final Claimer claimer;
    private final Messenger messenger;
    private final PlatformRateLimiter limiter;
    private final PostComposer composer;
    private final OutcomePolicy policy;
    private final SendStarts starts;
    private final Clock clock;
    private final DeliveryConfig config;
    private final CountDownLatch stop;

    Sender(
            Claimer claimer,
            Messenger messenger,
            PlatformRateLimiter limiter,
            PostComposer composer,
            OutcomePolicy policy,
            SendStarts starts,
            Clock clock,
            DeliveryConfig config,
            CountDownLatch stop) {
        this.claimer = Objects.requireNonNull(claimer, "claimer");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.starts = Objects.requireNonNull(starts, "starts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** One sender's loop, until the engine stops. */
    void run() {
        while (stop.getCount() > 0) {
            Claim claim;
            try {
                claim = claimer.next(config.idlePoll());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (claim == null) continue;
            try {
                process(claim);
            } catch (InterruptedException e) {
                claimer.unclaim(List.of(claim));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("sending post {} failed unexpectedly", claim.deliveryId(), e);
            } finally {
                claimer.done();
            }
        }
    }

    /** Checks, composes and sends one claimed post. */
    void process(Claim claim) throws InterruptedException {
        Subscription sub = claim.subscription();
        Instant now = clock.instant();
        Post post;
        try {
            if (!sub.active()) {
                if (start(claim)) policy.skipped(claim, Delivery.NOT_ACTIVE + " " + sub.status());
                return;
            }
            if (!sub.schedule().postsOn(claim.localDate())) {
                // the schedule's days were changed after the post was queued
                if (start(claim)) {
                    policy.skipped(
                            claim,
                            Delivery.NOT_ON_ITS_DAYS + " " + claim.localDate().getDayOfWeek());
                }
                return;
            }
            if (Duration.between(claim.dueAt(), now).compareTo(config.grace()) > 0) {
                if (start(claim)) policy.skipped(claim, Delivery.STALE + " " + claim.dueAt() + ", grace over");
                return;
            }
            Duration wait = limiter.chatWait(sub.chat(), now);
            if (!wait.isZero()) {
                if (start(claim)) policy.chatBusy(claim, wait);
                return;
            }
            post = composer.compose(sub, claim.localDate());
        } catch (RuntimeException e) {
            log.error("could not prepare post {} for {}", claim.deliveryId(), sub.chat(), e);
            if (start(claim)) policy.notComposed(claim, e);
            return;
        }
        if (!awaitTurn()) {
            claimer.unclaim(List.of(claim));
            return;
        }
        if (stop.getCount() == 0) {
            // the engine stopped as the turn came: the post goes back to the queue, not out
            limiter.unused();
            claimer.unclaim(List.of(claim));
            return;
        }
        boolean started = false;
        try {
            started = start(claim);
        } finally {
            // a mark that failed or was refused leaves the turn unused
            if (!started) limiter.unused();
        }
        if (!started) return;
        SendOutcome outcome;
        try {
            outcome = messenger.send(sub.chat(), post.reply());
        } catch (RuntimeException e) {
            log.error("messenger for {} threw while sending post {}", messenger.platform(), claim.deliveryId(), e);
            outcome = new SendOutcome.Failed("the messenger threw " + e, !NetworkFailures.mayHaveArrived(e));
        } finally {
            limiter.sent();
        }
        policy.sent(claim, post, outcome, limiter);
    }

    /**
     * Marks the claimed row sending (with other senders' rows, see {@link SendStarts}); false when it is no longer
     * this engine's (its lease ran out).
     */
    private boolean start(Claim claim) throws InterruptedException {
        if (starts.start(claim.deliveryId())) return true;
        log.info(
                "post {} to {} was claimed too long ago and went back to the queue",
                claim.deliveryId(),
                claim.subscription().chat());
        return false;
    }

    /**
     * Waits out any platform pause (a 429) and then this send's turn; a pause that began during the wait is
     * waited out too. False when the engine stops meanwhile.
     */
    private boolean awaitTurn() throws InterruptedException {
        while (true) {
            Optional<Instant> paused = limiter.pausedUntil(clock.instant());
            if (paused.isPresent()) {
                if (stop.getCount() == 0) return false;
                Duration pause = Duration.between(clock.instant(), paused.get());
                stop.await(
                        Math.max(1, Math.min(pause.toMillis(), config.idlePoll().toMillis())), TimeUnit.MILLISECONDS);
                continue;
            }
            if (!limiter.awaitTurn(stop)) return false;
            if (limiter.pausedUntil(clock.instant()).isEmpty()) return true;
            limiter.unused();
        }
    }
}
