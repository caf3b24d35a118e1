package org.excerptbot.core.command;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user flood control shared by every platform: a user may send {@code perMinute} commands a minute (with
 * bursts up to that size); the first command over the limit gets one notice, later ones are ignored until the
 * user's bucket has room again. Other users are never slowed.
 */
public final class FloodControl {
    /** What to do with one command. */
    public enum Verdict {
        ALLOW,
        NOTIFY,
        IGNORE
    }

    private static final int MAX_TRACKED_USERS = 100_000;
    /** Every user's limit; immutable, so one serves all buckets. */
    private final Bandwidth limit;

    private final Clock clock;
    private final TimeMeter meter;
    private final Map<String, UserState> users = new ConcurrentHashMap<>();

    public FloodControl(int perMinute, Clock clock) {
        if (perMinute < 1) throw new IllegalArgumentException("perMinute: must be at least 1, was " + perMinute);
        this.limit = Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build();
        this.clock = clock;
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Judges one command from a user, identified by platform and user id. */
    public Verdict check(Platform platform, String userId) {
        if (users.size() > MAX_TRACKED_USERS) evictIdle();
        UserState state = users.computeIfAbsent(platform + ":" + userId, k -> new UserState(newBucket()));
        synchronized (state) {
            state.lastSeen = clock.instant();
            if (state.bucket.tryConsume(1)) {
                state.notified = false;
                return Verdict.ALLOW;
            }
            if (state.notified) return Verdict.IGNORE;
            state.notified = true;
            return Verdict.NOTIFY;
        }
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(meter).build();
    }

    private void evictIdle() {
        Instant cutoff = clock.instant().minus(Duration.ofMinutes(2));
        users.values().removeIf(s -> s.lastSeen.isBefore(cutoff));
    }

    private static final class UserState {
        final Bucket bucket;
        Instant lastSeen = Instant.EPOCH;
        boolean notified;

        UserState(Bucket bucket) {
            this.bucket = bucket;
        }
    }
}
