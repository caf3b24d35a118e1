package org.excerptbot.core.command;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

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

    /** A user's bucket is full again a minute after their last command; then they are forgotten. */
    private static final Duration FULL_AGAIN = Duration.ofMinutes(1);
    /** Every user's limit; immutable, so one serves all buckets. */
    private final Bandwidth limit;

    private final Clock clock;
    private final TimeMeter meter;
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

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
        Instant now = clock.instant();
        forgetIdleUsers(now);
        Verdict[] verdict = new Verdict[1];
        users.compute(platform + ":" + userId, (key, held) -> {
            UserState state = held != null ? held : new UserState(newBucket());
            state.lastSeen = now;
            verdict[0] = state.judge();
            return state;
        });
        return verdict[0];
    }

    /** How many users a state is held for (tests). */
    int usersHeld() {
        return users.size();
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(meter).build();
    }

    /**
     * Forgets, at most once a minute, the users whose buckets are full again: a forgotten user starts with a full
     * bucket, as they would have, and the map holds only the last minutes' users.
     */
    private void forgetIdleUsers(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(FULL_AGAIN))) return;
        Instant fullSince = now.minus(FULL_AGAIN);
        for (String key : users.keySet()) {
            users.computeIfPresent(key, (k, state) -> state.lastSeen.isAfter(fullSince) ? state : null);
        }
    }

    // guarded by the map's lock on the user's entry
    private static final class UserState {
        final Bucket bucket;
        Instant lastSeen = Instant.EPOCH;
        boolean notified;

        UserState(Bucket bucket) {
            this.bucket = bucket;
        }

        Verdict judge() {
            if (bucket.tryConsume(1)) {
                notified = false;
                return Verdict.ALLOW;
            }
            if (notified) return Verdict.IGNORE;
            notified = true;
            return Verdict.NOTIFY;
        }
    }
}
