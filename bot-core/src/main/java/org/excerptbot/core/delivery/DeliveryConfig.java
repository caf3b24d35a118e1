package org.excerptbot.core.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.excerptbot.core.command.Platform;

/**
 * How the delivery engine behaves. Build one with {@link #builder()} (which starts from the defaults) or
 * {@link #toBuilder()}; every value is checked when it is built.
 *
 * @param grace how late a post may still go out (missed while down, or held up by rate limits); default 6 h
 * @param senders how many concurrent sends each platform gets (sends are network calls; the pacing is shared),
 *     by default sized from the platform's rate ({@link SenderSizing}); an instance holds at most twice as many
 *     posts claimed and not yet sent per platform
 * @param claimBatch the most posts one claim (one transaction) takes
 * @param maxAttempts failed attempts (network errors, 5xx, migrations) before a post is given up
 * @param firstBackoff the wait after the first failure; it doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param idlePoll how often an idle sender looks for work queued by another instance
 * @param abandonAfter a post claimed longer ago than this, and still sending, belonged to a dead instance
 * @param claimLease a post claimed longer ago than this and not yet started goes back to the queue (its sender
 *     died); safe even when the sender is alive, which then skips it, so it only needs to exceed a normal batch
 * @param stopTimeout how long {@link DeliveryEngine#stop()} waits for the sends in flight
 * @param catchUpEvery how often the engine queues due posts that no trigger queued (a safety net under Quartz)
 * @param claimOrder how claims share the rate between a backlog and the posts due since (see {@link FairClaimOrder})
 * @param limits the rate limits of each platform ({@link PlatformLimits#NONE} when absent)
 */
public record DeliveryConfig(
        Duration grace,
        SenderSizing senders,
        int claimBatch,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration idlePoll,
        Duration abandonAfter,
        Duration claimLease,
        Duration stopTimeout,
        Duration catchUpEvery,
        FairClaimOrder claimOrder,
        Map<Platform, PlatformLimits> limits) {
    public DeliveryConfig {
        positive(grace, "grace");
        Objects.requireNonNull(senders, "senders");
        atLeastOne(claimBatch, "claimBatch");
        atLeastOne(maxAttempts, "maxAttempts");
        positive(firstBackoff, "firstBackoff");
        positive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff: must be at least firstBackoff (" + firstBackoff + "), was " + maxBackoff);
        }
        positive(idlePoll, "idlePoll");
        positive(abandonAfter, "abandonAfter");
        positive(claimLease, "claimLease");
        positive(stopTimeout, "stopTimeout");
        positive(catchUpEvery, "catchUpEvery");
        Objects.requireNonNull(claimOrder, "claimOrder");
        Objects.requireNonNull(limits, "limits");
        limits.forEach((platform, value) -> {
            Objects.requireNonNull(platform, "limits: a platform");
            Objects.requireNonNull(value, "limits: the limits of " + platform);
        });
        limits = Map.copyOf(limits);
    }

    /**
     * Grace 6 h, senders sized from each platform's rate ({@link SenderSizing#DEFAULT}), claims of up to 64, 5
     * attempts from 30 s up to 30 min, claims leased for 30 s, 5 s for the sends in flight at a stop, a catch-up
     * every 5 min, a backlog sharing the rate with the posts of the last 10 minutes, Telegram's and Discord's
     * limits.
     */
    public static DeliveryConfig defaults() {
        return builder().build();
    }

    /** A builder holding the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The limits of a platform. */
    public PlatformLimits limitsOf(Platform platform) {
        return limits.getOrDefault(platform, PlatformLimits.NONE);
    }

    /** How many senders a platform gets under its limits. */
    public int sendersFor(Platform platform) {
        return senders.sendersFor(limitsOf(platform));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive, was " + d);
    }

    private static void atLeastOne(int n, String name) {
        if (n < 1) throw new IllegalArgumentException(name + ": must be at least 1, was " + n);
    }

    /** Sets some values and keeps the others; {@link #build()} checks them all. */
    public static final class Builder {
        private Duration grace = Duration.ofHours(6);
        private SenderSizing senders = SenderSizing.DEFAULT;
        private int claimBatch = 64;
        private int maxAttempts = 5;
        private Duration firstBackoff = Duration.ofSeconds(30);
        private Duration maxBackoff = Duration.ofMinutes(30);
        private Duration idlePoll = Duration.ofSeconds(1);
        private Duration abandonAfter = Duration.ofMinutes(15);
        private Duration claimLease = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Duration catchUpEvery = Duration.ofMinutes(5);
        private FairClaimOrder claimOrder = FairClaimOrder.DEFAULT;
        private final Map<Platform, PlatformLimits> limits = new EnumMap<>(Platform.class);

        private Builder() {
            limits.put(Platform.TELEGRAM, PlatformLimits.TELEGRAM);
            limits.put(Platform.DISCORD, PlatformLimits.DISCORD);
            limits.put(Platform.CONSOLE, PlatformLimits.NONE);
        }

        private Builder(DeliveryConfig c) {
            grace = c.grace;
            senders = c.senders;
            claimBatch = c.claimBatch;
            maxAttempts = c.maxAttempts;
            firstBackoff = c.firstBackoff;
            maxBackoff = c.maxBackoff;
            idlePoll = c.idlePoll;
            abandonAfter = c.abandonAfter;
            claimLease = c.claimLease;
            stopTimeout = c.stopTimeout;
            catchUpEvery = c.catchUpEvery;
            claimOrder = c.claimOrder;
            limits.putAll(c.limits);
        }

        public Builder grace(Duration value) {
            grace = Objects.requireNonNull(value, "grace");
            return this;
        }

        /** The same number of senders for every platform, whatever its rate. */
        public Builder sendersPerPlatform(int value) {
            atLeastOne(value, "sendersPerPlatform");
            senders = SenderSizing.fixed(value);
            return this;
        }

        public Builder senders(SenderSizing value) {
            senders = Objects.requireNonNull(value, "senders");
            return this;
        }

        public Builder claimBatch(int value) {
            claimBatch = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder firstBackoff(Duration value) {
            firstBackoff = Objects.requireNonNull(value, "firstBackoff");
            return this;
        }

        public Builder maxBackoff(Duration value) {
            maxBackoff = Objects.requireNonNull(value, "maxBackoff");
            return this;
        }

        public Builder idlePoll(Duration value) {
            idlePoll = Objects.requireNonNull(value, "idlePoll");
            return this;
        }

        public Builder abandonAfter(Duration value) {
            abandonAfter = Objects.requireNonNull(value, "abandonAfter");
            return this;
        }

        public Builder claimLease(Duration value) {
            claimLease = Objects.requireNonNull(value, "claimLease");
            return this;
        }

        public Builder stopTimeout(Duration value) {
            stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        public Builder catchUpEvery(Duration value) {
            catchUpEvery = Objects.requireNonNull(value, "catchUpEvery");
            return this;
        }

        public Builder claimOrder(FairClaimOrder value) {
            claimOrder = Objects.requireNonNull(value, "claimOrder");
            return this;
        }

        /** The limits of one platform; the other platforms keep theirs. */
        public Builder limits(Platform platform, PlatformLimits value) {
            limits.put(Objects.requireNonNull(platform, "platform"), Objects.requireNonNull(value, "limits"));
            return this;
        }

        /** Checks every value; the message of a bad one names its field. */
        public DeliveryConfig build() {
            return new DeliveryConfig(
                    grace,
                    senders,
                    claimBatch,
                    maxAttempts,
                    firstBackoff,
                    maxBackoff,
                    idlePoll,
                    abandonAfter,
                    claimLease,
                    stopTimeout,
                    catchUpEvery,
                    claimOrder,
                    limits);
        }
    }
}
