package org.excerptbot.core.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A delivered post, to be recorded as {@link DeliveryStatus#SENT}.
 *
 * @param item the sequential position the post read (its subscription's cursor moves past it), empty for a daily
 *     post
 * @param detail what the row's detail becomes (a post that was not published to followers says so); empty keeps it
 */
public record SentMark(long deliveryId, String messageId, OptionalLong item, Instant at, Optional<String> detail) {
    public SentMark {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
    }

    /** A delivered post whose row keeps its detail. */
    public SentMark(long deliveryId, String messageId, OptionalLong item, Instant at) {
        this(deliveryId, messageId, item, at, Optional.empty());
    }
}
