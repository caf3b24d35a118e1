package org.excerptbot.core.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.excerptbot.core.command.ChatRef;

/** Port: where subscriptions live. One subscription per chat (platform and chat id). */
public interface SubscriptionStore {
    /**
     * Creates the chat's subscription, or changes it and makes it active again. The sequential cursor is kept
     * across changes, so a reading plan resumes where it stopped.
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
    default boolean restore(
            ChatRef chat, Slot slot, Mode mode, String language, long cursor, SubscriptionStatus status, Instant now) {
        return restoreAll(List.of(new Restored(chat, slot, mode, language, cursor, status)), now) == 1;
    }

    /**
     * {@link #restore} for many chats at once, in batches (one transaction each), so that an import of a million
     * rows takes seconds. Returns how many were created or changed.
     */
    int restoreAll(List<Restored> subscriptions, Instant now);

    /** A chat's subscription exactly as an import makes it. */
    record Restored(ChatRef chat, Slot slot, Mode mode, String language, long cursor, SubscriptionStatus status) {
        public Restored {
            java.util.Objects.requireNonNull(chat, "chat");
            java.util.Objects.requireNonNull(slot, "slot");
            java.util.Objects.requireNonNull(mode, "mode");
            java.util.Objects.requireNonNull(language, "language");
            java.util.Objects.requireNonNull(status, "status");
            if (cursor < 0) throw new IllegalArgumentException("cursor: must not be negative, was " + cursor);
        }
    }
}
