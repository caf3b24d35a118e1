package org.excerptbot.core.delivery;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One day's post to one subscription, as recorded. The pair (subscription, local date) is unique: that is the
 * guard that makes a post go out at most once, across restarts and instances.
 *
 * @param item the sequential position that was sent, if the post was sequential and sent
 * @param detail the last error or reason, if any
 */
public record Delivery(
        long id,
        long subscriptionId,
        LocalDate localDate,
        DeliveryStatus status,
        int attempts,
        OptionalLong item,
        String messageId,
        String detail) {
    public Delivery {
        Objects.requireNonNull(localDate, "localDate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(item, "item");
    }
}
