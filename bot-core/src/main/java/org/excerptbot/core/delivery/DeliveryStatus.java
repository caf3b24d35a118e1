package org.excerptbot.core.delivery;

/** The life of one day's post to one subscription. */
public enum DeliveryStatus {
    /** Waiting to be claimed by a sender (possibly not before some instant). */
    PENDING,
    /**
     * Claimed by a sender, not yet being sent. A row left here by a dead instance goes back to {@link #PENDING}
     * when its claim's lease runs out; its sender, if alive after all, no longer can start it.
     */
    CLAIMED,
    /**
     * Being sent: the request may have reached the platform. A row left here by a dead instance is never sent
     * again (at most once).
     */
    SENDING,
    /** Delivered. */
    SENT,
    /** Given up: refused by the platform, or retried too often. */
    FAILED,
    /** Not sent on purpose: the subscription stopped, or the post became stale. */
    SKIPPED,
    /** Found in {@link #SENDING} long after its sender should have finished; its fate is unknown. */
    ABANDONED;

    /** True when nothing will happen to the row any more. */
    public boolean finished() {
        return this != PENDING && this != CLAIMED && this != SENDING;
    }
}
