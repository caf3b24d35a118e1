package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one platform's senders supplied with claimed posts, a few ahead of them and never many: it holds at most
 * {@code capacity} claimed posts (waiting or being sent), and claims again, in one transaction, once half of that is
 * free. It follows the platform's {@link PlatformRateLimiter}: no claim while a 429 pauses the platform, and the
 * limiter's share of the platform's limit follows the number of instances claiming for it. It claims in the
 * {@link DeliveryConfig#claimOrder()}, so that a backlog shares the rate with the posts due since. When the queue is
 * empty it waits for {@link PostQueue#wake()} or the next row's {@code not_before}, and puts back the rows a dead
 * instance claimed and never started once their lease is over. {@link #drain()} ends the supply: what no sender
 * has taken goes back to the queue at once.
 */
final class Claimer {
    private static final Logger log = LoggerFactory.getLogger(Claimer.class);

    private final Platform platform;
    private final DeliveryStore deliveries;
    private final PlatformRateLimiter limiter;
    private final PostQueue queue;
    private final Clock clock;
    private final DeliveryConfig config;
    private final String owner;
    private final CountDownLatch stop;
    private final int refill;
    // guarded by this: the claimed posts no sender has taken, the free places for more, whether it was drained
    private final Deque<Claim> claimed = new ArrayDeque<>();
    private int room;
    private boolean drained;
    private Instant nextRelease = Instant.MIN;

    /**
     * @param owner the engine's name on the rows it claims
     * @param capacity the most claimed posts held (waiting or being sent)
     * @param stop released when the engine stops
     */
    Claimer(
            Platform platform,
            DeliveryStore deliveries,
            PlatformRateLimiter limiter,
            PostQueue queue,
            Clock clock,
            DeliveryConfig config,
            String owner,
            int capacity,
            CountDownLatch stop) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.stop = Objects.requireNonNull(stop, "stop");
        if (capacity < 1) throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
        this.room = capacity;
        this.refill = Math.max(1, capacity / 2);
    }

    /** The claiming loop, until the engine stops. */
    void run() {
        while (stop.getCount() > 0) {
            try {
                Duration idle = claimOnce();
                if (!idle.isZero()) queue.awaitWork(idle, stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("claiming posts for {} failed; pausing before the next claim", platform, e);
                queue.awaitWork(config.idlePoll(), stop);
            }
        }
    }

    /**
     * One round: waits (up to the idle poll) for room for a batch and claims it. Returns how long to wait before
     * the next round: zero when it may go on at once; the pause when the platform is paused; the time until the
     * next row may go (at most the idle poll) when nothing was due.
     */
    Duration claimOnce() throws InterruptedException {
        Optional<Instant> paused = limiter.pausedUntil(clock.instant());
        if (paused.isPresent()) return capped(Duration.between(clock.instant(), paused.get()));
        int held = awaitRoom(config.idlePoll());
        if (held == 0) return Duration.ZERO;
        try {
            shareLimit();
            Instant now = clock.instant();
            List<Claim> claims = deliveries.claim(
                    platform,
                    owner,
                    Math.min(held, config.claimBatch()),
                    now,
                    config.claimOrder().recentSince(now));
            free(held - claims.size());
            held = 0;
            if (claims.isEmpty()) return untilWork();
            if (!offer(claims)) unclaim(claims);
            return Duration.ZERO;
        } finally {
            free(held);
        }
    }

    /** The next claimed post for a sender, waiting up to {@code wait}; null when there was none or it was drained. */
    synchronized Claim next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (claimed.isEmpty() && !drained) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return claimed.poll();
    }

    /** A sender is done with a claimed post (sent, put back or not started): its place is free. */
    void done() {
        free(1);
    }

    /**
     * Ends the supply at once: returns the claimed posts no sender has taken, wakes the waiting senders and the
     * claimer, and a claim still under way goes straight back to the queue.
     */
    synchronized List<Claim> drain() {
        drained = true;
        List<Claim> unsent = new ArrayList<>(claimed);
        claimed.clear();
        notifyAll();
        return unsent;
    }

    /** Waits up to {@code wait} for room for a batch and takes all there is; 0 when none came or it was drained. */
    private synchronized int awaitRoom(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (room < refill && !drained) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return 0;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (drained) return 0;
        int taken = room;
        room = 0;
        return taken;
    }

    private synchronized void free(int places) {
        if (places == 0) return;
        room += places;
        if (room >= refill) notifyAll();
    }

    /** Puts claimed posts that were not started back in the queue, for this or another instance. */
    void unclaim(List<Claim> claims) {
        if (claims.isEmpty()) return;
        try {
            deliveries.unclaim(claims.stream().map(Claim::deliveryId).toList(), owner);
        } catch (RuntimeException e) {
            log.error("could not put {} claimed posts back in the queue; their lease will", claims.size(), e);
        }
    }

    /** Hands claimed posts to the senders; false once drained (the caller puts them back, and their places). */
    private synchronized boolean offer(List<Claim> claims) {
        if (drained) {
            room += claims.size();
            return false;
        }
        claimed.addAll(claims);
        notifyAll();
        return true;
    }

    /**
     * Gives this instance its share of the platform's rate limit: the instances that claimed rows of the platform
     * within the claim lease are the ones sending now.
     */
    private void shareLimit() {
        if (config.limitsOf(platform).perSecond() == 0) return;
        Instant since = clock.instant().minus(config.claimLease());
        int instances = 1 + deliveries.otherActiveClaimers(platform, owner, since);
        if (instances != limiter.sharedBy()) {
            log.info(
                    "{} instances are sending to {}: this one takes 1/{} of its rate limit",
                    instances,
                    platform,
                    instances);
            limiter.share(instances);
        }
    }

    /** Nothing was due: releases expired claims (once per idle poll) and says how long to wait for work. */
    private Duration untilWork() {
        releaseExpiredClaims();
        Duration wait = config.idlePoll();
        Optional<Instant> next = deliveries.nextPending(platform);
        if (next.isPresent()) {
            Duration untilNext = Duration.between(clock.instant(), next.get());
            if (untilNext.compareTo(wait) < 0) wait = untilNext;
        }
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }

    /**
     * Puts back to the queue the rows a dead instance claimed and never started (older than the lease), at most
     * once per idle poll.
     */
    private void releaseExpiredClaims() {
        Instant now = clock.instant();
        if (now.isBefore(nextRelease)) return;
        nextRelease = now.plus(config.idlePoll());
        int released = deliveries.releaseExpiredClaims(now.minus(config.claimLease()));
        if (released > 0) {
            log.warn("{} posts claimed by a stopped instance and never started are queued again", released);
            queue.wake();
        }
    }

    private Duration capped(Duration wait) {
        if (wait.compareTo(config.idlePoll()) > 0) return config.idlePoll();
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }
}
