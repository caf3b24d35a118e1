package org.excerptbot.core.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A delivered post, to be recorded as {@link DeliveryStatus#SENT}.
 *
 * @param item the sequential position the post read (its subscription's cursor moves past it), empty for a daily
 *     post
 */
public record SentMark(long deliveryId, String messageId, OptionalLong item, Instant at) {
    public SentMark {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(at, "at");
    }
}
