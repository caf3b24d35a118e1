package org.excerptbot.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The order in which pending posts are claimed when the queue holds more than the rate limit can send in time (a
 * minute of 300,000 posts takes almost three hours at 30/s): each claim alternates between the oldest waiting post
 * and the oldest post due within the last {@code recentWindow}. The backlog keeps half of the rate and drains in
 * due order, while every later slot gets the other half from its minute on, so one huge minute delays the other
 * chats by seconds instead of hours. A post that waits longer than the window joins the backlog and keeps its place
 * by due time: nothing is skipped or dropped. With no backlog both lists name the same posts and the order is
 * simply oldest first.
 *
 * @param recentWindow how long after its due time a post counts as recent rather than backlog
 */
public record FairClaimOrder(Duration recentWindow) {
    /** A window of 10 minutes: a slot's posts go out at half the rate while a backlog drains, and then join it. */
    public static final FairClaimOrder DEFAULT = new FairClaimOrder(Duration.ofMinutes(10));

    public FairClaimOrder {
        Objects.requireNonNull(recentWindow, "recentWindow");
        if (recentWindow.isNegative() || recentWindow.isZero()) {
            throw new IllegalArgumentException("recentWindow: must be positive, was " + recentWindow);
        }
    }

    /** Posts due at or after this instant are recent at {@code now}. */
    public Instant recentSince(Instant now) {
        return now.minus(recentWindow);
    }

    /**
     * Up to {@code limit} ids, taken alternately from {@code oldest} (the oldest waiting posts, in due order) and
     * {@code recent} (the oldest recent ones), starting with the backlog, each id once; when one list runs out the
     * other fills the rest.
     */
    public static List<Long> interleave(List<Long> oldest, List<Long> recent, int limit) {
        Objects.requireNonNull(oldest, "oldest");
        Objects.requireNonNull(recent, "recent");
        if (limit < 0) throw new IllegalArgumentException("limit: must not be negative, was " + limit);
        Set<Long> picked = new LinkedHashSet<>();
        int o = 0;
        int r = 0;
        boolean fromOldest = true;
        while (picked.size() < limit && (o < oldest.size() || r < recent.size())) {
            if (fromOldest && o < oldest.size()) {
                picked.add(oldest.get(o++));
            } else if (!fromOldest && r < recent.size()) {
                picked.add(recent.get(r++));
            }
            fromOldest = !fromOldest;
        }
        return new ArrayList<>(picked);
    }
}
