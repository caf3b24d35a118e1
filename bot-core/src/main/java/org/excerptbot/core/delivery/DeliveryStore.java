package org.excerptbot.core.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntConsumer;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Slot;

/** Port: the durable queue of daily posts. Safe for several senders and several instances on one database. */
public interface DeliveryStore extends PostHistory {
    /**
     * Queues the post of {@code date} for every active subscription in the slot that posts on that date's day of
     * the week and whose settings date from no later than {@code dueAt}, unless that subscription already has a row
     * for that date (insert-if-absent on the unique (subscription, local date) key). Returns how many rows were
     * added.
     */
    int enqueue(Slot slot, LocalDate date, Instant dueAt);

    /**
     * Like {@link #enqueue(Slot, LocalDate, Instant)}, in several transactions, each for a batch of the slot's
     * subscriptions, calling {@code batchQueued} with the number of rows a batch added once it is committed, so that
     * sending can start while the rest of a large slot is being queued. A crash in between leaves the later batches
     * unqueued, for the catch-up at start-up (a batch is all or nothing, and queuing is idempotent).
     */
    int enqueue(Slot slot, LocalDate date, Instant dueAt, IntConsumer batchQueued);

    /**
     * Atomically takes up to {@code limit} pending rows of a platform that may go out at {@code now}, oldest
     * first, and marks them {@link DeliveryStatus#CLAIMED} for {@code owner}. Two callers never get the same row.
     */
    default List<Claim> claim(Platform platform, String owner, int limit, Instant now) {
        return claim(platform, owner, limit, now, now.plusMillis(1));
    }

    /**
     * Like {@link #claim(Platform, String, int, Instant)}, in the {@link FairClaimOrder}: alternately the oldest
     * waiting row and the oldest row due at or after {@code recentSince}, in that order in the list. With
     * {@code recentSince} after {@code now} no row is recent: oldest first.
     */
    List<Claim> claim(Platform platform, String owner, int limit, Instant now, Instant recentSince);

    /**
     * Moves a row from {@link DeliveryStatus#CLAIMED} by {@code owner} to {@link DeliveryStatus#SENDING}, just
     * before its request goes out. False when the row is no longer the owner's (its lease ran out and it went back
     * to the queue): the caller must not send it.
     */
    default boolean startSending(long deliveryId, String owner, Instant now) {
        return startSending(List.of(deliveryId), owner, now).contains(deliveryId);
    }

    /**
     * {@link #startSending(long, String, Instant)} for several rows in one transaction: returns the ids of the rows
     * that were the owner's and are now sending.
     */
    Set<Long> startSending(List<Long> deliveryIds, String owner, Instant now);

    /**
     * Puts rows {@link DeliveryStatus#CLAIMED} since before {@code claimedBefore} back to pending: their sender
     * died (or is very late) before starting them, so nothing of them reached the platform. Engines that claimed
     * nothing since are no longer counted as {@linkplain #otherActiveClaimers sending}.
     */
    int releaseExpiredClaims(Instant claimedBefore);

    /**
     * Puts rows still {@link DeliveryStatus#CLAIMED} by {@code owner} back to pending at once (the owner stops
     * before starting them). Returns how many went back.
     */
    int unclaim(List<Long> deliveryIds, String owner);

    /**
     * How many engines other than {@code owner} claimed rows of the platform since {@code since}: the other
     * instances sending to the platform now, which share its rate limit.
     */
    int otherActiveClaimers(Platform platform, String owner, Instant since);

    /**
     * Records a delivered post. For a sequential post ({@code item} present) the subscription's cursor moves
     * past it in the same transaction, so the cursor advances only when a post was actually sent.
     */
    default void markSent(long deliveryId, String messageId, OptionalLong item, Instant now) {
        markSent(List.of(new SentMark(deliveryId, messageId, item, now)));
    }

    /**
     * Records delivered posts, in one transaction (each as {@link #markSent(long, String, OptionalLong, Instant)}
     * would). Only rows still {@link DeliveryStatus#SENDING} change. Returns how many did.
     */
    int markSent(List<SentMark> marks);

    /**
     * Puts a claimed row back to pending, not to be claimed before {@code notBefore}. {@code countAttempt} is
     * false for rate-limit waits and chat migrations, true for failures.
     */
    void retryLater(long deliveryId, Instant notBefore, boolean countAttempt, String detail);

    /** Ends a claimed row as {@link DeliveryStatus#FAILED} or {@link DeliveryStatus#SKIPPED}. */
    void finish(long deliveryId, DeliveryStatus status, String detail, Instant now);

    /** Marks rows left {@link DeliveryStatus#SENDING} since before {@code claimedBefore} as abandoned. */
    int abandonStale(Instant claimedBefore, Instant now);

    /** The earliest instant a pending row of the platform may go out; empty when none is pending. */
    java.util.Optional<Instant> nextPending(Platform platform);

    /**
     * The pending rows of a platform that may go out at {@code now}, and the due time of the oldest of them: the
     * backlog. One query over the claim index.
     */
    Backlog backlog(Platform platform, Instant now);

    /** How many rows are in each status (every status present, zero when none). A scan of the whole table. */
    Map<DeliveryStatus, Integer> countByStatus();

    /**
     * How many posts wait to be sent: pending, or claimed by a sender and not started. Read over the claim index,
     * not the whole table, so that a metrics scrape costs little however many posts were ever sent.
     */
    int queueDepth();

    /** The rows of one subscription, oldest date first. */
    List<Delivery> forSubscription(long subscriptionId);

    /** The row of one subscription's latest local date, if it has any. */
    @Override
    java.util.Optional<Delivery> latest(long subscriptionId);
}
