package org.excerptbot.core.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One day's post to one subscription, as recorded. The pair (subscription, local date) is unique: that is the
 * guard that makes a post go out at most once, across restarts and instances.
 *
 * @param item the sequential position that was sent, if the post was sequential and sent
 * @param detail the last error or reason, if any (kept once sent: a post that waited for a rate limit says so)
 * @param dueAt when the post was due
 * @param finishedAt when it was sent, or given up or skipped; empty while it is still on its way
 */
public record Delivery(
        long id,
        long subscriptionId,
        LocalDate localDate,
        DeliveryStatus status,
        int attempts,
        OptionalLong item,
        String messageId,
        String detail,
        Instant dueAt,
        Optional<Instant> finishedAt) {
    /** The detail of a post skipped because its schedule was changed not to post on that day of the week. */
    public static final String NOT_ON_ITS_DAYS = "its schedule no longer posts on";

    /** The detail of a post skipped because its subscription was no longer active when it fell due. */
    public static final String NOT_ACTIVE = "the subscription is";

    /** The detail of a post skipped because it was claimed only after its grace (the bot was down too long). */
    public static final String STALE = "stale: due at";

    public Delivery {
        Objects.requireNonNull(localDate, "localDate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
