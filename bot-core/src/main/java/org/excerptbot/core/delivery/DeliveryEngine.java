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
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
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
 * {@link DeliveryStore} (the unique key makes that exactly once, across instances). Per platform, a claimer takes
 * due rows in batches (a few claimed posts ahead of the senders, never many); senders compose each post, wait for
 * its turn under the platform's pacing ({@link PlatformLimits#pacedPerSecond()}: a steady interval, no bursts),
 * send it through the platform's {@link Messenger}, several at a time, and record the outcome:
 *
 * <ul>
 *   <li>sent: recorded with the message id, by a recorder thread that writes the sent posts in batches (one
 *       transaction for all that came in while the previous batch was written); a sequential cursor advances in
 *       the same transaction;
 *   <li>429: the chat waits {@code retry_after}, the platform pauses (capped), the row goes back to the queue;
 *   <li>forbidden: the subscription is disabled and the row failed;
 *   <li>migrated: the subscription moves to the new chat id and the row is retried;
 *   <li>other failures: retried with doubling backoff when retryable, a bounded number of times.
 * </ul>
 *
 * <p>The claimer marks its rows {@link DeliveryStatus#CLAIMED}; a sender marks each {@link DeliveryStatus#SENDING}
 * before it sends, if the row is still its own. Rows an instance claimed and never started (it died) go back to
 * the queue when the claim's lease runs out, and another instance sends them. A row whose request may have gone
 * out and whose outcome was never recorded (the instance died mid-send) is never sent again: at most once. At
 * start the engine queues posts it missed while down, if their local date is still today in the subscriber's zone
 * and they are within the grace period. {@link #stop()} lets the posts in flight finish and puts the claimed posts
 * not yet sent back in the queue.
 */
public final class DeliveryEngine {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    /** The most sent posts one transaction records. */
    private static final int RECORD_BATCH = 256;
    /** Queued after the senders have stopped: the recorder writes what came before it and ends. */
    private static final SentMark SENDERS_STOPPED = new SentMark(-1, null, OptionalLong.empty(), Instant.EPOCH);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final Map<Platform, Messenger> messengers = new EnumMap<>(Platform.class);
    private final PostComposer composer;
    private final Clock clock;
    private final DeliveryConfig config;
    private final String instanceId;
    private final Map<Platform, PlatformRateLimiter> limiters = new EnumMap<>(Platform.class);
    private final List<Lane> lanes = new ArrayList<>();
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean started;
    private final AtomicLong nextClaimRelease = new AtomicLong(Long.MIN_VALUE);
    /** Posts delivered and not yet recorded; the recorder writes them in batches. */
    private final BlockingQueue<SentMark> sentMarks = new LinkedBlockingQueue<>();

    private Thread recorder;

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
            limiters.put(m.platform(), new PlatformRateLimiter(config.limitsOf(m.platform()), clock));
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
            Lane lane = new Lane(e.getKey(), e.getValue(), limiters.get(e.getKey()), 2 * config.sendersPerPlatform());
            lanes.add(lane);
            thread(() -> runClaimer(lane), "claimer-" + lane.platform);
            for (int i = 0; i < config.sendersPerPlatform(); i++) {
                thread(() -> runSender(lane), "sender-" + lane.platform + "-" + i);
            }
        }
        thread(this::runCatchUp, "delivery-catch-up");
        recorder = new Thread(this::runRecorder, "delivery-recorder");
        recorder.setDaemon(true);
        recorder.start();
        log.info("delivery engine {} started: {} threads for {}", instanceId, threads.size(), messengers.keySet());
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
        // sending starts with the first batch queued, not after the whole slot
        int queued = deliveries.enqueue(slot, slot.dateAt(scheduledAt), scheduledAt, added -> wake());
        log.info("slot {} due at {}: {} posts queued", slot, scheduledAt, queued);
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
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) log.warn("sender {} still busy after the stop timeout", t.getName());
        }
        sentMarks.add(SENDERS_STOPPED);
        try {
            recorder.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder.isAlive()) {
            log.warn("{} sent posts not yet recorded after the stop timeout", sentMarks.size() - 1);
        } else {
            // a sender that outlived the stop timeout may have finished a post since
            List<SentMark> late = new ArrayList<>();
            sentMarks.drainTo(late);
            late.remove(SENDERS_STOPPED);
            if (!late.isEmpty()) recordSent(late);
        }
        for (Lane lane : lanes) {
            List<Claim> unsent = new ArrayList<>();
            lane.claimed.drainTo(unsent);
            unclaim(unsent);
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

    private void thread(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
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

    /**
     * Claims due posts in batches into the lane while it has room: a lane holds at most
     * {@link Lane#capacity} claimed posts (queued or being sent), and the claimer waits until half of that is free,
     * so that one transaction claims many rows and few claimed posts wait in memory.
     */
    private void runClaimer(Lane lane) {
        while (stopping.getCount() > 0) {
            int room = 0;
            try {
                Optional<Instant> paused = lane.limiter.pausedUntil(clock.instant());
                if (paused.isPresent()) {
                    idle(Duration.between(clock.instant(), paused.get()));
                    continue;
                }
                if (!lane.room.tryAcquire(lane.refill, config.idlePoll().toMillis(), TimeUnit.MILLISECONDS)) continue;
                room = lane.refill + lane.room.drainPermits();
                shareLimit(lane);
                int wanted = Math.min(room, config.claimBatch());
                List<Claim> claims = deliveries.claim(lane.platform, instanceId, wanted, clock.instant());
                lane.room.release(room - claims.size());
                room = 0;
                if (claims.isEmpty()) {
                    idleUntilWork(lane.platform);
                    continue;
                }
                lane.claimed.addAll(claims);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lane.room.release(room);
                log.error("claiming posts for {} failed; pausing before the next claim", lane.platform, e);
                idle(config.idlePoll());
            }
        }
    }

    /**
     * Gives this instance its share of the platform's rate limit: the instances that claimed rows of the platform
     * within the claim lease are the ones sending now.
     */
    private void shareLimit(Lane lane) {
        if (config.limitsOf(lane.platform).perSecond() == 0) return;
        Instant since = clock.instant().minus(config.claimLease());
        int instances = 1 + deliveries.otherActiveClaimers(lane.platform, instanceId, since);
        if (instances != lane.limiter.sharedBy()) {
            log.info(
                    "{} instances are sending to {}: this one takes 1/{} of its rate limit",
                    instances,
                    lane.platform,
                    instances);
            lane.limiter.share(instances);
        }
    }

    /** Takes claimed posts from the lane and sends them, each at its turn under the platform's pacing. */
    private void runSender(Lane lane) {
        while (stopping.getCount() > 0) {
            Claim claim;
            try {
                claim = lane.claimed.poll(config.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (claim == null) continue;
            try {
                process(lane, claim);
            } catch (InterruptedException e) {
                unclaim(List.of(claim));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("sending post {} failed unexpectedly", claim.deliveryId(), e);
            } finally {
                lane.room.release();
            }
        }
    }

    /**
     * Checks, composes and sends one claimed post. The row stays {@link DeliveryStatus#CLAIMED} while the post
     * waits for its turn, and becomes {@link DeliveryStatus#SENDING} only just before its request goes out (or
     * before its outcome without a send is recorded).
     */
    private void process(Lane lane, Claim claim) throws InterruptedException {
        long id = claim.deliveryId();
        Subscription sub = claim.subscription();
        Instant now = clock.instant();
        Post post;
        try {
            if (!sub.active()) {
                if (start(claim, now)) finish(id, DeliveryStatus.SKIPPED, "the subscription is " + sub.status(), now);
                return;
            }
            if (Duration.between(claim.dueAt(), now).compareTo(config.grace()) > 0) {
                if (start(claim, now)) {
                    finish(id, DeliveryStatus.SKIPPED, "stale: due at " + claim.dueAt() + ", grace over", now);
                }
                return;
            }
            Duration wait = lane.limiter.chatWait(sub.chat(), now);
            if (!wait.isZero()) {
                if (start(claim, now)) {
                    deliveries.retryLater(id, now.plus(wait), false, "waiting for the chat's rate limit");
                }
                return;
            }
            post = composer.compose(sub, claim.localDate());
        } catch (RuntimeException e) {
            log.error("could not prepare post {} for {}", id, sub.chat(), e);
            if (start(claim, now)) retryOrFail(id, claim.attempts(), "could not prepare the post: " + e, now);
            return;
        }
        if (!awaitTurn(lane)) {
            unclaim(List.of(claim));
            return;
        }
        if (!start(claim, clock.instant())) {
            lane.limiter.unused();
            return;
        }
        SendOutcome outcome;
        try {
            outcome = lane.messenger.send(sub.chat(), post.reply());
        } catch (RuntimeException e) {
            log.error("messenger for {} threw while sending post {}", lane.platform, id, e);
            outcome = new SendOutcome.Failed("the messenger threw " + e, true);
        } finally {
            lane.limiter.sent();
        }
        record(claim, post, outcome, lane.limiter);
    }

    /** Marks the claimed row sending; false when it is no longer this engine's (its lease ran out). */
    private boolean start(Claim claim, Instant now) {
        if (deliveries.startSending(claim.deliveryId(), instanceId, now)) return true;
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
    private boolean awaitTurn(Lane lane) throws InterruptedException {
        while (true) {
            Optional<Instant> paused = lane.limiter.pausedUntil(clock.instant());
            if (paused.isPresent()) {
                if (stopping.getCount() == 0) return false;
                idle(Duration.between(clock.instant(), paused.get()));
                continue;
            }
            if (!lane.limiter.awaitTurn(stopping)) return false;
            if (lane.limiter.pausedUntil(clock.instant()).isEmpty()) return true;
            lane.limiter.unused();
        }
    }

    /** Puts claimed posts that were not started back in the queue, for this or another instance. */
    private void unclaim(List<Claim> claims) {
        if (claims.isEmpty()) return;
        try {
            deliveries.unclaim(claims.stream().map(Claim::deliveryId).toList(), instanceId);
        } catch (RuntimeException e) {
            log.error("could not put {} claimed posts back in the queue; their lease will", claims.size(), e);
        }
    }

    private void record(Claim claim, Post post, SendOutcome outcome, PlatformRateLimiter limiter) {
        long id = claim.deliveryId();
        Subscription sub = claim.subscription();
        Instant now = clock.instant();
        try {
            if (outcome instanceof SendOutcome.Sent s) {
                sentMarks.add(new SentMark(id, s.messageId(), post.item(), now));
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

    /**
     * Records delivered posts as sent, as many at a time as have come in while the previous batch was written (one
     * transaction each), until the senders have stopped and every post is recorded. A post sent and not yet
     * recorded when the process dies stays {@link DeliveryStatus#SENDING}, the "may have been sent" state that is
     * never sent again: write-behind loses and duplicates nothing, it only widens that window by one batch.
     */
    private void runRecorder() {
        List<SentMark> batch = new ArrayList<>();
        boolean last = false;
        while (!last) {
            try {
                batch.add(sentMarks.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sentMarks.drainTo(batch, RECORD_BATCH - 1);
            last = batch.remove(SENDERS_STOPPED);
            if (!batch.isEmpty()) recordSent(batch);
            batch.clear();
        }
    }

    private void recordSent(List<SentMark> batch) {
        try {
            deliveries.markSent(batch);
            sent.addAndGet(batch.size());
        } catch (RuntimeException e) {
            log.error("could not record {} sent posts together; recording them one by one", batch.size(), e);
            for (SentMark m : batch) {
                try {
                    deliveries.markSent(List.of(m));
                    sent.incrementAndGet();
                } catch (RuntimeException again) {
                    // the row stays 'sending' and is never sent again: at most once
                    log.error("could not record sent post {}", m.deliveryId(), again);
                }
            }
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

    /** One platform's messenger, limiter and the posts claimed for it and not yet sent. */
    private static final class Lane {
        final Platform platform;
        final Messenger messenger;
        final PlatformRateLimiter limiter;
        final BlockingQueue<Claim> claimed = new LinkedBlockingQueue<>();
        /** Free places for claimed posts (queued or being sent); the claimer waits for {@link #refill} of them. */
        final Semaphore room;

        final int refill;

        Lane(Platform platform, Messenger messenger, PlatformRateLimiter limiter, int capacity) {
            this.platform = platform;
            this.messenger = messenger;
            this.limiter = limiter;
            this.room = new Semaphore(capacity);
            this.refill = Math.max(1, capacity / 2);
        }
    }
}
