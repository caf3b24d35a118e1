package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily posts. A slot that falls due queues one row per subscription and local date in the
 * {@link DeliveryStore} (the unique key makes that exactly once, across instances); senders, a few per
 * platform, wait for the platform's rate limiter, claim due rows, compose and send them through the platform's
 * {@link Messenger}, and record the outcome:
 *
 * <ul>
 *   <li>sent: recorded with the message id; a sequential cursor advances in the same transaction;
 *   <li>429: the chat waits {@code retry_after}, the platform pauses (capped), the row goes back to the queue;
 *   <li>forbidden: the subscription is disabled and the row failed;
 *   <li>migrated: the subscription moves to the new chat id and the row is retried;
 *   <li>other failures: retried with doubling backoff when retryable, a bounded number of times.
 * </ul>
 *
 * <p>A sender claims a batch of rows ({@link DeliveryStatus#CLAIMED}) and marks each {@link DeliveryStatus#SENDING}
 * just before its request goes out, if the row is still its own. Rows an instance claimed and never started (it
 * died) go back to the queue when the claim's lease runs out, and another instance sends them. A row whose
 * request may have gone out and whose outcome was never recorded (the instance died mid-send) is never sent
 * again: at most once. At start the engine queues posts it missed while down, if their local date is still today in the
 * subscriber's zone and they are within the grace period. {@link #stop()} lets the posts in flight finish.
 */
public final class DeliveryEngine {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final Map<Platform, Messenger> messengers = new EnumMap<>(Platform.class);
    private final PostComposer composer;
    private final Clock clock;
    private final DeliveryConfig config;
    private final String instanceId;
    private final Map<Platform, PlatformRateLimiter> limiters = new EnumMap<>(Platform.class);
    private final Object signal = new Object();
    private final List<Thread> senders = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean started;
    private final AtomicLong nextClaimRelease = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong forbidden = new AtomicLong();
    private final AtomicLong migrated = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /** What the engine has done since it started. */
    public record Stats(
            long sent, long rateLimited, long forbidden, long migrated, long retried, long failed, long skipped) {}

    /**
     * @param messengers one per platform this instance posts to; rows of other platforms wait for an instance
     *     that has theirs
     */
    public DeliveryEngine(
            DeliveryStore deliveries,
            SubscriptionStore subscriptions,
            List<Messenger> messengers,
            PostComposer composer,
            Clock clock,
            DeliveryConfig config) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        for (Messenger m : messengers) {
            if (this.messengers.putIfAbsent(m.platform(), m) != null) {
                throw new IllegalArgumentException("messengers: two for " + m.platform());
            }
            limiters.put(m.platform(), new PlatformRateLimiter(config.limitsOf(m.platform())));
        }
        this.instanceId = "engine-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Marks dead instances' stale claims, catches up missed posts, and starts the senders. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("the delivery engine is already started");
        started = true;
        Instant now = clock.instant();
        abandonStale(now);
        releaseExpiredClaims();
        catchUp();
        for (Map.Entry<Platform, Messenger> e : messengers.entrySet()) {
            for (int i = 0; i < config.sendersPerPlatform(); i++) {
                Thread t = new Thread(() -> runSender(e.getKey(), e.getValue()), "sender-" + e.getKey() + "-" + i);
                t.setDaemon(true);
                senders.add(t);
                t.start();
            }
        }
        Thread catcher = new Thread(this::runCatchUp, "delivery-catch-up");
        catcher.setDaemon(true);
        senders.add(catcher);
        catcher.start();
        log.info("delivery engine {} started: {} senders for {}", instanceId, senders.size(), messengers.keySet());
    }

    /**
     * Queues today's post of every active slot whose time has passed today in its zone, within the grace period,
     * for subscriptions that have none yet. Returns how many posts were queued.
     */
    public int catchUp() {
        Instant now = clock.instant();
        int queued = 0;
        for (Slot slot : subscriptions.activeSlots()) {
            LocalDate today = slot.dateAt(now);
            Instant due = slot.dueOn(today);
            if (!due.isAfter(now) && Duration.between(due, now).compareTo(config.grace()) <= 0) {
                queued += deliveries.enqueue(slot, today, due);
            }
        }
        if (queued > 0) {
            log.info("caught up {} posts missed while down", queued);
            wake();
        }
        return queued;
    }

    /**
     * A slot fell due (its trigger fired): queues the posts of the local date it was due on. A firing later
     * than the grace period (a misfire after long downtime) queues nothing. Returns how many posts were queued.
     */
    public int slotDue(Slot slot, Instant scheduledAt) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Instant now = clock.instant();
        if (Duration.between(scheduledAt, now).compareTo(config.grace()) > 0) {
            log.warn("slot {} due at {} fired too late ({}), nothing queued", slot, scheduledAt, now);
            return 0;
        }
        int queued = deliveries.enqueue(slot, slot.dateAt(scheduledAt), scheduledAt);
        log.info("slot {} due at {}: {} posts queued", slot, scheduledAt, queued);
        if (queued > 0) wake();
        return queued;
    }

    /** Wakes idle senders (new posts were queued). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Stops claiming, lets posts in flight finish (up to the stop timeout), and returns. */
    public void stop() {
        synchronized (this) {
            if (!started || stopping.getCount() == 0) return;
            stopping.countDown();
        }
        wake();
        long deadline = System.nanoTime() + config.stopTimeout().toNanos();
        for (Thread t : senders) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) log.warn("sender {} still busy after the stop timeout", t.getName());
        }
        log.info("delivery engine {} stopped: {}", instanceId, stats());
    }

    public Stats stats() {
        return new Stats(
                sent.get(),
                rateLimited.get(),
                forbidden.get(),
                migrated.get(),
                retried.get(),
                failed.get(),
                skipped.get());
    }

    /** This engine's name on the rows it claims. */
    public String instanceId() {
        return instanceId;
    }

    /** Rows left sending by a dead instance (after {@code abandonAfter}) are marked abandoned, not sent again. */
    private void abandonStale(Instant now) {
        int abandoned = deliveries.abandonStale(now.minus(config.abandonAfter()), now);
        if (abandoned > 0) log.warn("{} posts were left sending by a stopped instance; not sent again", abandoned);
    }

    /**
     * Puts back to the queue the rows a dead instance claimed and never started (older than the lease). Runs at
     * most once per idle poll per engine: when a sender finds no work, and at start.
     */
    private void releaseExpiredClaims() {
        long now = System.nanoTime();
        long next = nextClaimRelease.get();
        if (next != Long.MIN_VALUE && now - next < 0) return;
        if (!nextClaimRelease.compareAndSet(next, now + config.idlePoll().toNanos())) return;
        int released = deliveries.releaseExpiredClaims(clock.instant().minus(config.claimLease()));
        if (released > 0) {
            log.warn("{} posts claimed by a stopped instance and never started are queued again", released);
            wake();
        }
    }

    private void runCatchUp() {
        try {
            while (!stopping.await(config.catchUpEvery().toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    abandonStale(clock.instant());
                    catchUp();
                } catch (RuntimeException e) {
                    log.error("periodic catch-up failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSender(Platform platform, Messenger messenger) {
        PlatformRateLimiter limiter = limiters.get(platform);
        while (stopping.getCount() > 0) {
            try {
                Optional<Instant> paused = limiter.pausedUntil(clock.instant());
                if (paused.isPresent()) {
                    idle(Duration.between(clock.instant(), paused.get()));
                    continue;
                }
                int permits = limiter.acquire(config.claimBatch(), stopping);
                if (permits == 0) break;
                List<Claim> claims = deliveries.claim(platform, instanceId, permits, clock.instant());
                limiter.refund(permits - claims.size());
                if (claims.isEmpty()) {
                    idleUntilWork(platform);
                    continue;
                }
                for (Claim claim : claims) process(messenger, limiter, claim);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("sender for {} failed; pausing before the next claim", platform, e);
                idle(config.idlePoll());
            }
        }
    }

    private void process(Messenger messenger, PlatformRateLimiter limiter, Claim claim) {
        long id = claim.deliveryId();
        Subscription sub = claim.subscription();
        Instant now = clock.instant();
        Post post;
        try {
            if (!deliveries.startSending(id, instanceId, now)) {
                log.info("post {} to {} was claimed too long ago and went back to the queue", id, sub.chat());
                return;
            }
            if (!sub.active()) {
                finish(id, DeliveryStatus.SKIPPED, "the subscription is " + sub.status(), now);
                return;
            }
            if (Duration.between(claim.dueAt(), now).compareTo(config.grace()) > 0) {
                finish(id, DeliveryStatus.SKIPPED, "stale: due at " + claim.dueAt() + ", grace over", now);
                return;
            }
            Duration wait = limiter.chatWait(sub.chat(), now);
            if (!wait.isZero()) {
                deliveries.retryLater(id, now.plus(wait), false, "waiting for the chat's rate limit");
                return;
            }
            post = composer.compose(sub, claim.localDate());
        } catch (RuntimeException e) {
            log.error("could not prepare post {} for {}", id, sub.chat(), e);
            retryOrFail(id, claim.attempts(), "could not prepare the post: " + e, now);
            return;
        }
        SendOutcome outcome;
        try {
            outcome = messenger.send(sub.chat(), post.reply());
        } catch (RuntimeException e) {
            log.error("messenger for {} threw while sending post {}", messenger.platform(), id, e);
            outcome = new SendOutcome.Failed("the messenger threw " + e, true);
        }
        record(claim, post, outcome, limiter);
    }

    private void record(Claim claim, Post post, SendOutcome outcome, PlatformRateLimiter limiter) {
        long id = claim.deliveryId();
        Subscription sub = claim.subscription();
        Instant now = clock.instant();
        try {
            if (outcome instanceof SendOutcome.Sent s) {
                deliveries.markSent(id, s.messageId(), post.item(), now);
                sent.incrementAndGet();
            } else if (outcome instanceof SendOutcome.RateLimited r) {
                rateLimited.incrementAndGet();
                Duration wait = r.retryAfter().isNegative() ? Duration.ZERO : r.retryAfter();
                limiter.rateLimited(sub.chat(), wait, now);
                deliveries.retryLater(id, now.plus(wait), false, "429: retry after " + wait.toSeconds() + " s");
                log.warn("429 from {} for {}: waiting {}", sub.chat().platform(), sub.chat(), wait);
            } else if (outcome instanceof SendOutcome.Forbidden f) {
                forbidden.incrementAndGet();
                subscriptions.disable(sub.chat(), f.reason(), now);
                finish(id, DeliveryStatus.FAILED, "forbidden: " + f.reason(), now);
                log.info("{} forbids the bot ({}); its subscription is disabled", sub.chat(), f.reason());
            } else if (outcome instanceof SendOutcome.Migrated m) {
                migrated.incrementAndGet();
                subscriptions.migrate(sub.chat(), m.newChatId(), now);
                log.info("{} moved to {}; its subscription follows", sub.chat(), m.newChatId());
                retryOrFail(id, claim.attempts(), "moved to chat " + m.newChatId(), now, Duration.ZERO);
            } else if (outcome instanceof SendOutcome.Failed f) {
                log.warn("post {} to {} failed: {}", id, sub.chat(), f.reason());
                if (f.retryable()) {
                    retryOrFail(id, claim.attempts(), f.reason(), now);
                } else {
                    finish(id, DeliveryStatus.FAILED, f.reason(), now);
                }
            }
        } catch (RuntimeException e) {
            // the row stays 'sending' and is never sent again: at most once
            log.error("could not record the outcome {} of post {} to {}", outcome, id, sub.chat(), e);
        }
    }

    private void retryOrFail(long id, int attempts, String reason, Instant now) {
        long factor = 1L << Math.min(attempts, 20);
        Duration backoff = config.firstBackoff().multipliedBy(factor);
        if (backoff.compareTo(config.maxBackoff()) > 0) backoff = config.maxBackoff();
        retryOrFail(id, attempts, reason, now, backoff);
    }

    private void retryOrFail(long id, int attempts, String reason, Instant now, Duration backoff) {
        if (attempts + 1 >= config.maxAttempts()) {
            finish(id, DeliveryStatus.FAILED, "gave up after " + (attempts + 1) + " attempts: " + reason, now);
            return;
        }
        retried.incrementAndGet();
        deliveries.retryLater(id, now.plus(backoff), true, reason);
    }

    private void finish(long id, DeliveryStatus status, String detail, Instant now) {
        deliveries.finish(id, status, detail, now);
        (status == DeliveryStatus.FAILED ? failed : skipped).incrementAndGet();
    }

    private void idleUntilWork(Platform platform) {
        releaseExpiredClaims();
        Duration wait = config.idlePoll();
        Optional<Instant> next = deliveries.nextPending(platform);
        if (next.isPresent()) {
            Duration untilNext = Duration.between(clock.instant(), next.get());
            if (untilNext.compareTo(wait) < 0) wait = untilNext;
        }
        idle(wait);
    }

    private void idle(Duration wait) {
        long millis = Math.max(1, Math.min(wait.toMillis(), config.idlePoll().toMillis()));
        synchronized (signal) {
            if (stopping.getCount() == 0) return;
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
