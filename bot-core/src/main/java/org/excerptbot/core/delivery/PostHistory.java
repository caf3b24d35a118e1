package org.excerptbot.core.delivery;

import java.util.Optional;

/** Port: what became of a subscription's latest post, for {@code /status}. */
@FunctionalInterface
public interface PostHistory {
    /** Knows no posts. */
    PostHistory NONE = subscriptionId -> Optional.empty();

    /** The row of the subscription's latest local date, if it has any. */
    Optional<Delivery> latest(long subscriptionId);
}
