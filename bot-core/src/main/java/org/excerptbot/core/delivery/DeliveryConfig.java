package org.excerptbot.core.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.excerptbot.core.command.Platform;

/**
 * How the delivery engine behaves.
 *
 * @param grace how late a post may still go out (missed while down, or held up by rate limits); default 6 h
 * @param sendersPerPlatform concurrent sends per platform (sends are network calls; the pacing is shared); an
 *     instance holds at most twice as many posts claimed and not yet sent per platform
 * @param claimBatch the most posts one claim (one transaction) takes
 * @param maxAttempts failed attempts (network errors, 5xx, migrations) before a post is given up
 * @param firstBackoff the wait after the first failure; it doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param idlePoll how often an idle sender looks for work queued by another instance
 * @param abandonAfter a post claimed longer ago than this, and still sending, belonged to a dead instance
 * @param claimLease a post claimed longer ago than this and not yet started goes back to the queue (its sender
 *     died); safe even when the sender is alive, which then skips it, so it only needs to exceed a normal batch
 * @param stopTimeout how long {@link DeliveryEngine#stop()} waits for posts in flight
 * @param catchUpEvery how often the engine queues due posts that no trigger queued (a safety net under Quartz)
 * @param limits the rate limits of each platform ({@link PlatformLimits#NONE} when absent)
 */
public record DeliveryConfig(
        Duration grace,
        int sendersPerPlatform,
        int claimBatch,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration idlePoll,
        Duration abandonAfter,
        Duration claimLease,
        Duration stopTimeout,
        Duration catchUpEvery,
        Map<Platform, PlatformLimits> limits) {
    public DeliveryConfig {
        positive(grace, "grace");
        if (sendersPerPlatform < 1) {
            throw new IllegalArgumentException("sendersPerPlatform: must be at least 1, was " + sendersPerPlatform);
        }
        if (claimBatch < 1) throw new IllegalArgumentException("claimBatch: must be at least 1, was " + claimBatch);
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts: must be at least 1, was " + maxAttempts);
        positive(firstBackoff, "firstBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(idlePoll, "idlePoll");
        positive(abandonAfter, "abandonAfter");
        positive(claimLease, "claimLease");
        positive(stopTimeout, "stopTimeout");
        positive(catchUpEvery, "catchUpEvery");
        limits = Map.copyOf(limits);
    }

    /**
     * Grace 6 h, 8 senders per platform, claims of up to 64, 5 attempts from 30 s up to 30 min, claims leased for
     * 30 s, Telegram and
     * Discord limits.
     */
    public static DeliveryConfig defaults() {
        Map<Platform, PlatformLimits> limits = new EnumMap<>(Platform.class);
        limits.put(Platform.TELEGRAM, PlatformLimits.TELEGRAM);
        limits.put(Platform.DISCORD, PlatformLimits.DISCORD);
        limits.put(Platform.CONSOLE, PlatformLimits.NONE);
        return new DeliveryConfig(
                Duration.ofHours(6),
                8,
                64,
                5,
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                limits);
    }

    /** The limits of a platform. */
    public PlatformLimits limitsOf(Platform platform) {
        return limits.getOrDefault(platform, PlatformLimits.NONE);
    }

    public DeliveryConfig withGrace(Duration value) {
        return new DeliveryConfig(
                value,
                sendersPerPlatform,
                claimBatch,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                idlePoll,
                abandonAfter,
                claimLease,
                stopTimeout,
                catchUpEvery,
                limits);
    }

    public DeliveryConfig withSenders(int value) {
        return new DeliveryConfig(
                grace,
                value,
                claimBatch,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                idlePoll,
                abandonAfter,
                claimLease,
                stopTimeout,
                catchUpEvery,
                limits);
    }

    public DeliveryConfig withIdlePoll(Duration value) {
        return new DeliveryConfig(
                grace,
                sendersPerPlatform,
                claimBatch,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                value,
                abandonAfter,
                claimLease,
                stopTimeout,
                catchUpEvery,
                limits);
    }

    public DeliveryConfig withClaimLease(Duration value) {
        return new DeliveryConfig(
                grace,
                sendersPerPlatform,
                claimBatch,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                idlePoll,
                abandonAfter,
                value,
                stopTimeout,
                catchUpEvery,
                limits);
    }

    public DeliveryConfig withLimits(Platform platform, PlatformLimits value) {
        Map<Platform, PlatformLimits> map = new EnumMap<>(Platform.class);
        map.putAll(limits);
        map.put(platform, Objects.requireNonNull(value, "value"));
        return new DeliveryConfig(
                grace,
                sendersPerPlatform,
                claimBatch,
                maxAttempts,
                firstBackoff,
                maxBackoff,
                idlePoll,
                abandonAfter,
                claimLease,
                stopTimeout,
                catchUpEvery,
                map);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive, was " + d);
    }
}
