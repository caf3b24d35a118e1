package org.excerptbot.core.subscription;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.excerptbot.core.command.ChatRef;

/** Port: where subscriptions live. One subscription per chat (platform and chat id). */
public interface SubscriptionStore {
    /**
     * Creates the chat's subscription, or changes it and makes it active again. The sequential cursor is kept
     * across changes, so a reading plan resumes where it stopped. The chat's {@linkplain ChatRef#thread() thread}
     * is saved with it: the posts go into the thread the latest subscribe came from.
     */
    Subscription save(ChatRef chat, Slot slot, Mode mode, String language, Instant now);

    /** The chat's subscription in any status. */
    Optional<Subscription> find(ChatRef chat);

    Optional<Subscription> byId(long id);

    /** Stops posting to the chat; false when it had no active subscription. */
    boolean unsubscribe(ChatRef chat, Instant now);

    /** The platform refused a post: stop posting there and remember why. False when nothing was active. */
    boolean disable(ChatRef chat, String reason, Instant now);

    /**
     * The chat now has a new id: move its subscription there. When the new id already has its own subscription,
     * that one wins and the old one is retired ({@link SubscriptionStatus#MIGRATED}). False when the old id had
     * no subscription.
     */
    boolean migrate(ChatRef chat, String newChatId, Instant now);

    /** Every slot with at least one active subscription. */
    Set<Slot> activeSlots();

    /** How many subscriptions are active. */
    int countActive();

    // ---- administration (subscriptions list|export|import)

    /** Every subscription in any status, oldest first (for listing and export). */
    java.util.List<Subscription> all();

    /**
     * Makes the chat's subscription exactly this (slot, mode, language, cursor and status), creating it if absent:
     * the import of an export. Returns false when it was already so, so that importing the same data twice
     * changes nothing the second time.
     */
    boolean restore(
            ChatRef chat, Slot slot, Mode mode, String language, long cursor, SubscriptionStatus status, Instant now);
}
