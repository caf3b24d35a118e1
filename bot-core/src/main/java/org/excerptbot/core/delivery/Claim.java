package org.excerptbot.core.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.excerptbot.core.subscription.Subscription;

/**
 * A delivery row a sender has claimed (now {@link DeliveryStatus#CLAIMED}), with its subscription as it stands.
 *
 * @param attempts failed attempts so far (rate-limit waits do not count)
 */
public record Claim(long deliveryId, Subscription subscription, LocalDate localDate, Instant dueAt, int attempts) {
    public Claim {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(localDate, "localDate");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
