package org.excerptbot.core.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How many senders (concurrent sends) a platform gets. A sender waits for each send's answer, so by Little's law a
 * platform paced at {@code r} posts/s with answers taking {@code roundTrip} needs {@code r * roundTrip} senders to
 * keep up; the count is that, rounded up, within {@code min..max}. A platform without a rate gets {@code min}.
 *
 * @param roundTrip the expected time from a send's request to its answer
 * @param min the fewest senders a platform gets (at least 1)
 * @param max the most (at most {@link #MAX_SENDERS})
 */
public record SenderSizing(Duration roundTrip, int min, int max) {
    /**
     * The most senders any platform gets: the adapters allow this many requests in flight for bulk sends, so that
     * their HTTP clients never hold a sender back.
     */
    public static final int MAX_SENDERS = 256;

    /**
     * Answers within 250 ms: an assumption, on the slow side for a send to api.telegram.org, since sizing for a
     * slow answer only costs idle threads while sizing for a fast one costs the rate. At Telegram's 29.4/s that is
     * 8 senders, at the paid 980/s 245. A bot whose answers take longer on average reaches proportionally less.
     */
    public static final SenderSizing DEFAULT = new SenderSizing(Duration.ofMillis(250), 8, MAX_SENDERS);

    public SenderSizing {
        Objects.requireNonNull(roundTrip, "roundTrip");
        if (roundTrip.isNegative() || roundTrip.isZero()) {
            throw new IllegalArgumentException("roundTrip: must be positive, was " + roundTrip);
        }
        if (min < 1) throw new IllegalArgumentException("min: must be at least 1, was " + min);
        if (max < min) throw new IllegalArgumentException("max: must be at least min (" + min + "), was " + max);
        if (max > MAX_SENDERS) {
            throw new IllegalArgumentException("max: must be at most " + MAX_SENDERS + ", was " + max);
        }
    }

    /** Always {@code senders}, whatever the rate. */
    public static SenderSizing fixed(int senders) {
        if (senders < 1) throw new IllegalArgumentException("senders: must be at least 1, was " + senders);
        return new SenderSizing(DEFAULT.roundTrip, senders, senders);
    }

    /** The senders of a platform with these limits. */
    public int sendersFor(PlatformLimits limits) {
        double paced = Objects.requireNonNull(limits, "limits").pacedPerSecond();
        if (paced <= 0) return min;
        // less a hair, so that 980/s x 250 ms is 245, not 246 by a rounding error
        double needed = Math.ceil(paced * roundTrip.toNanos() / 1e9 - 1e-9);
        return (int) Math.max(min, Math.min(max, needed));
    }
}
