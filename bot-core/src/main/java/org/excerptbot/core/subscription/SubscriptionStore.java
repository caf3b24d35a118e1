package org.excerptbot.core.subscription;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.excerptbot.core.command.ChatRef;

/**
 * Port: where subscriptions live. A chat (platform and chat id) may have several, one per local posting time: its
 * schedules.
 */
public interface SubscriptionStore {
    /**
     * Creates the chat's schedule at the schedule's local time, or changes the one it has there and makes it active
     * again. The sequential cursor is kept across changes, so a reading plan resumes where it stopped. The chat's
     * {@linkplain ChatRef#thread() thread} is saved with it: the posts go into the thread the latest subscribe came
     * from.
     */
    Subscription save(ChatRef chat, Schedule schedule, String language, Instant now);

    /**
     * {@link #save(ChatRef, Schedule, String, Instant)}, but a schedule that would be added (new, or made active
     * again) only while the chat has fewer than {@code maxActive} active schedules at other times, checked in the
     * transaction that adds it: concurrent adds (a double tap, two instances) never take the chat past the cap.
     * Changing the chat's active schedule at that time is always allowed. Empty when refused.
     *
     * @param maxActive at least 2
     */
    Optional<Subscription> saveWithin(ChatRef chat, Schedule schedule, String language, Instant now, int maxActive);

    /** {@link #save(ChatRef, Schedule, String, Instant)} of an every-day text schedule. */
    default Subscription save(ChatRef chat, Slot slot, Mode mode, String language, Instant now) {
        return save(chat, Schedule.everyDay(slot, mode), language, now);
    }

    /** The chat's schedules in any status, earliest local time first. */
    List<Subscription> forChat(ChatRef chat);

    /** The chat's first schedule: its earliest active one, else its earliest in any status. */
    default Optional<Subscription> find(ChatRef chat) {
        List<Subscription> all = forChat(chat);
        return all.stream().filter(Subscription::active).findFirst().or(() -> all.stream()
                .findFirst());
    }

    Optional<Subscription> byId(long id);

    /**
     * The reader read on: moves the sequential schedule's cursor from {@code from} to the next excerpt. False when
     * its cursor was not at {@code from} (a second press of the same button, or a post sent meanwhile), or it is no
     * sequential schedule: the cursor moves once per position whatever the race.
     */
    boolean advance(long id, long from);

    /** Stops every schedule of the chat; false when it had no active one. */
    boolean unsubscribe(ChatRef chat, Instant now);

    /** Stops the chat's schedule at a local time; false when it had no active one there. */
    boolean unsubscribe(ChatRef chat, LocalTime time, Instant now);

    /**
     * The platform refused a post: stop posting to the chat (every schedule) and remember why. False when nothing
     * was active.
     */
    boolean disable(ChatRef chat, String reason, Instant now);

    /**
     * The chat now has a new id: move its schedules there. A schedule whose time the new id already has keeps the
     * new id's one, and the old one is retired ({@link SubscriptionStatus#MIGRATED}). False when the old id had no
     * schedule.
     */
    boolean migrate(ChatRef chat, String newChatId, Instant now);

    /** Every slot with at least one active subscription. */
    Set<Slot> activeSlots();

    /** How many subscriptions (schedules) are active. */
    int countActive();

    // ---- administration (subscriptions list|export|import)

    /** Every subscription in any status, oldest first (for listing and export). */
    List<Subscription> all();

    /**
     * Makes the chat's schedule at the schedule's local time exactly this (schedule, language, cursor and status),
     * creating it if absent: the import of an export. Returns false when it was already so, so that importing the
     * same data twice changes nothing the second time.
     */
    default boolean restore(
            ChatRef chat, Schedule schedule, String language, long cursor, SubscriptionStatus status, Instant now) {
        return restoreAll(List.of(new Restored(chat, schedule, language, cursor, status)), now) == 1;
    }

    /**
     * {@link #restore} for many schedules at once, in batches (one transaction each), so that an import of a million
     * rows takes seconds. Returns how many were created or changed.
     */
    default int restoreAll(List<Restored> subscriptions, Instant now) {
        return restoreAll(subscriptions.iterator(), now);
    }

    /**
     * {@link #restoreAll(List, Instant)} for schedules read one at a time (an import streaming its file): only one
     * batch is held at once.
     */
    int restoreAll(Iterator<Restored> subscriptions, Instant now);

    /** A chat's schedule exactly as an import makes it. */
    record Restored(ChatRef chat, Schedule schedule, String language, long cursor, SubscriptionStatus status) {
        public Restored {
            java.util.Objects.requireNonNull(chat, "chat");
            java.util.Objects.requireNonNull(schedule, "schedule");
            java.util.Objects.requireNonNull(language, "language");
            java.util.Objects.requireNonNull(status, "status");
            if (cursor < 0) throw new IllegalArgumentException("cursor: must not be negative, was " + cursor);
        }
    }
}
