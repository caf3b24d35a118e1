package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily posts the {@link PostQueue} queued. Per platform, a {@link Claimer} takes due rows in batches,
 * a few ahead of the {@link Sender}s, which compose each post, wait for its turn under the platform's pacing
 * ({@link PlatformLimits#pacedPerSecond()}: a steady interval, no bursts) and send it through the platform's
 * {@link Messenger}, several at a time; the {@link OutcomePolicy} decides what each outcome leads to, and the
 * {@link SentRecorder} records the sent posts in batches.
 *
 * <p>The claimer marks its rows {@link DeliveryStatus#CLAIMED}; a sender marks each {@link DeliveryStatus#SENDING}
 * before it sends, if the row is still its own. Rows an instance claimed and never started (it died) go back to
 * the queue when the claim's lease runs out, and another instance sends them. A row whose request may have gone
 * out and whose outcome was never recorded (the instance died mid-send) is never sent again: at most once. At
 * start the engine queues posts it missed while down, if their local date is still today in the subscriber's zone
 * and they are within the grace period.
 */
public final class DeliveryEngine {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final DeliveryStore deliveries;
    private final PostQueue queue;
    private final Clock clock;
    private final DeliveryConfig config;
    private final String instanceId;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final SentRecorder recorder;
    private final List<Lane> lanes = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<Thread> producers = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    private boolean started;

    /** What the engine has done since it started. */
    public record Stats(
            long sent, long rateLimited, long forbidden, long migrated, long retried, long failed, long skipped) {}

    /** One platform's claimer and its senders' task. */
    private record Lane(Platform platform, Claimer claimer, Sender sender, int senders) {}

    /** An engine with a queue of its own (nothing else queues its posts but its own {@link #slotDue} and catch-up). */
    public DeliveryEngine(
            DeliveryStore deliveries,
            SubscriptionStore subscriptions,
            List<Messenger> messengers,
            PostComposer composer,
            Clock clock,
            DeliveryConfig config) {
        this(
                deliveries,
                subscriptions,
                new PostQueue(
                        deliveries,
                        subscriptions,
                        clock,
                        Objects.requireNonNull(config, "config").grace()),
                messengers,
                composer,
                clock,
                config);
    }

    /**
     * @param queue where the slot scheduler queues posts (built before the messengers); its grace must be the
     *     config's
     * @param messengers one per platform this instance posts to; rows of other platforms wait for an instance
     *     that has theirs
     */
    public DeliveryEngine(
            DeliveryStore deliveries,
            SubscriptionStore subscriptions,
            PostQueue queue,
            List<Messenger> messengers,
            PostComposer composer,
            Clock clock,
            DeliveryConfig config) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(composer, "composer");
        if (!queue.grace().equals(config.grace())) {
            throw new IllegalArgumentException(
                    "queue: its grace " + queue.grace() + " is not the config's " + config.grace());
        }
        this.instanceId = "engine-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.recorder = new SentRecorder(deliveries, counters);
        OutcomePolicy policy = new OutcomePolicy(deliveries, subscriptions, recorder, clock, config, counters);
        Set<Platform> seen = new TreeSet<>();
        for (Messenger m : Objects.requireNonNull(messengers, "messengers")) {
            Platform platform = m.platform();
            if (!seen.add(platform)) throw new IllegalArgumentException("messengers: two for " + platform);
            PlatformRateLimiter limiter = new PlatformRateLimiter(config.limitsOf(platform), clock);
            int count = config.sendersFor(platform);
            int capacity = 2 * count;
            Claimer claimer =
                    new Claimer(platform, deliveries, limiter, queue, clock, config, instanceId, capacity, stopping);
            Sender sender = new Sender(
                    claimer,
                    m,
                    limiter,
                    composer,
                    policy,
                    new SendStarts(deliveries, instanceId, clock),
                    clock,
                    config,
                    stopping);
            lanes.add(new Lane(platform, claimer, sender, count));
        }
    }

    /** Marks dead instances' stale claims, catches up missed posts, and starts claiming and sending. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("the delivery engine is already started");
        started = true;
        abandonStale(clock.instant());
        int released = deliveries.releaseExpiredClaims(clock.instant().minus(config.claimLease()));
        if (released > 0)
            log.warn("{} posts claimed by a stopped instance and never started are queued again", released);
        queue.catchUp();
        recorder.start();
        for (Lane lane : lanes) {
            String platform = lane.platform().name().toLowerCase(Locale.ROOT);
            producers.add(start(DaemonThreads.named("delivery-claimer-" + platform), lane.claimer()::run));
            DaemonThreads senderThreads = DaemonThreads.named("delivery-sender-" + platform);
            for (int i = 0; i < lane.senders(); i++) {
                senders.add(start(senderThreads, lane.sender()::run));
            }
        }
        producers.add(start(DaemonThreads.named("delivery-catch-up"), this::runCatchUp));
        log.info(
                "delivery engine {} started: {} senders for {}",
                instanceId,
                senders.size(),
                lanes.stream().map(Lane::platform).toList());
    }

    /** Queues the posts of a slot that fell due; see {@link PostQueue#slotDue}. */
    public int slotDue(Slot slot, Instant scheduledAt) {
        return queue.slotDue(slot, scheduledAt);
    }

    /** Queues the posts missed while down; see {@link PostQueue#catchUp}. */
    public int catchUp() {
        return queue.catchUp();
    }

    /** Wakes idle claimers (new posts were queued, or a wait is over). */
    public void wake() {
        queue.wake();
    }

    /**
     * Stops at once: no claim after this, and the posts claimed and not started go back to the queue (pending, for
     * this or another instance after a restart). The sends in flight finish, for up to the stop timeout, and the sent
     * posts are recorded. A send that outlives the timeout stays {@link DeliveryStatus#SENDING}, never sent again.
     */
    public void stop() {
        synchronized (this) {
            if (!started || stopping.getCount() == 0) return;
            stopping.countDown();
        }
        queue.wake();
        long deadline = System.nanoTime() + config.stopTimeout().toNanos();
        int returned = 0;
        for (Lane lane : lanes) {
            List<Claim> unsent = lane.claimer().drain();
            lane.claimer().unclaim(unsent);
            returned += unsent.size();
        }
        join(producers, deadline, "claimer");
        join(senders, deadline, "sender");
        // the recorder gets a moment even when the senders used up the timeout
        recorder.stop(Math.max(deadline, System.nanoTime()) + TimeUnit.SECONDS.toNanos(1));
        log.info("delivery engine {} stopped, {} claimed posts put back: {}", instanceId, returned, stats());
    }

    public Stats stats() {
        return counters.stats();
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

    private void runCatchUp() {
        try {
            while (!stopping.await(config.catchUpEvery().toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    abandonStale(clock.instant());
                    queue.catchUp();
                } catch (RuntimeException e) {
                    log.error("periodic catch-up failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(DaemonThreads threads, Runnable task) {
        Thread t = threads.newThread(task);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads, long deadline, String what) {
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) log.warn("{} {} still busy after the stop timeout", what, t.getName());
        }
    }
}
