package org.excerptbot.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.metrics.HealthCheck;

/**
 * Watches each platform's backlog (the posts that may go out now and have not) and the whole queue's depth, for
 * {@code /metrics} and {@code /healthz}. A reading is one query ({@link DeliveryStore#backlog},
 * {@link DeliveryStore#queueDepth}) and is kept for {@code maxAge}, so that scrapes and health checks cost the
 * database at most one query per reading every few seconds, however often they come: each counts the posts of a
 * busy minute, a few hundred thousand at a time.
 *
 * <p>The backlog is a problem when it cannot be sent before the next day: its time to clear at the platform's rate
 * ({@link PlatformLimits#pacedPerSecond()}) reaches past the moment the oldest waiting post's next day's post is
 * due. The health check then reports {@link HealthCheck.Status#DEGRADED}: the bot still serves users, and every
 * queued post still goes out, in its turn.
 */
public final class BacklogMonitor {
    /** How long a reading is kept by default. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final Duration DAY = Duration.ofDays(1);

    private final DeliveryStore deliveries;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<Platform, Reading> readings = new EnumMap<>(Platform.class);
    private DepthReading depth;

    private record Reading(Backlog backlog, Instant at) {}

    private record DepthReading(int posts, Instant at) {}

    public BacklogMonitor(DeliveryStore deliveries, DeliveryConfig config, Clock clock) {
        this(deliveries, config, clock, MAX_AGE);
    }

    /** @param maxAge how long a reading is kept before the next call reads again */
    public BacklogMonitor(DeliveryStore deliveries, DeliveryConfig config, Clock clock, Duration maxAge) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) throw new IllegalArgumentException("maxAge: must not be negative, was " + maxAge);
    }

    /** The platform's backlog now, or as read within the last {@code maxAge}. */
    public synchronized Backlog backlog(Platform platform) {
        Objects.requireNonNull(platform, "platform");
        Instant now = clock.instant();
        Reading r = readings.get(platform);
        if (r == null || isOld(r.at(), now)) {
            r = new Reading(deliveries.backlog(platform, now), now);
            readings.put(platform, r);
        }
        return r.backlog();
    }

    /**
     * The posts queued on every platform (waiting, or claimed by a sender and not started; due or not), now or as
     * read within the last {@code maxAge}.
     */
    public synchronized int queueDepth() {
        Instant now = clock.instant();
        if (depth == null || isOld(depth.at(), now)) depth = new DepthReading(deliveries.queueDepth(), now);
        return depth.posts();
    }

    private boolean isOld(Instant readAt, Instant now) {
        return Duration.between(readAt, now).compareTo(maxAge) >= 0;
    }

    /** How many posts of the platform wait to go out now. */
    public long waiting(Platform platform) {
        return backlog(platform).waiting();
    }

    /** How long the platform's oldest waiting post has waited past its due time, in seconds (0 when none waits). */
    public double oldestAgeSeconds(Platform platform) {
        return backlog(platform).oldestAge(clock.instant()).toMillis() / 1000.0;
    }

    /**
     * A health check over these platforms: up while every backlog can be sent before the next day, degraded (with
     * the platform, the posts waiting and the time they take) when one cannot.
     */
    public HealthCheck healthOf(Iterable<Platform> platforms) {
        Objects.requireNonNull(platforms, "platforms");
        return () -> {
            Instant now = clock.instant();
            long waiting = 0;
            for (Platform p : platforms) {
                Backlog b = backlog(p);
                waiting += b.waiting();
                double rate = config.limitsOf(p).pacedPerSecond();
                if (b.waiting() == 0 || rate == 0) continue;
                Duration toClear = b.timeToClear(rate);
                Duration untilNextDay = DAY.minus(b.oldestAge(now));
                if (toClear.compareTo(untilNextDay) > 0) {
                    return HealthCheck.Result.degraded(String.format(
                            Locale.ROOT,
                            "%d %s posts wait (the oldest for %s); at %.1f/s they take %s, past the next day's posts",
                            b.waiting(),
                            p.name().toLowerCase(Locale.ROOT),
                            hours(b.oldestAge(now)),
                            rate,
                            hours(toClear)));
                }
            }
            return HealthCheck.Result.up(waiting + " posts waiting");
        };
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
    }
}
