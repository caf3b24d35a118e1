package org.excerptbot.core.subscription;

/** Whether a subscription still posts, and if not, why. */
public enum SubscriptionStatus {
    /** Posts every day. */
    ACTIVE,
    /** The chat unsubscribed; subscribing again reactivates it with its cursor intact. */
    UNSUBSCRIBED,
    /** The platform refused a post (blocked, kicked, no access); subscribing again reactivates it. */
    FORBIDDEN,
    /** The chat moved to a new id that already had its own subscription; kept for the record. */
    MIGRATED
}
