package org.excerptbot.core.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;

/**
 * Adding, changing and removing a chat's schedules, with the instance's defaults (08:00, the instance's zone,
 * {@link Mode#DAILY}, {@link Format#TEXT}, every day) and at most {@link #MAX_SCHEDULES} active schedules per chat.
 * Who may do it is the dispatcher's business ({@code Privacy.CHAT_ADMIN}).
 */
public final class SubscriptionService {
    /** The posting time when none is given. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(8, 0);

    /** The most active schedules one chat may have. */
    public static final int MAX_SCHEDULES = 5;

    private final SubscriptionStore store;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final SlotListener slots;

    /**
     * @param defaultZone the instance's zone ({@code EXCERPT_BOT_TIMEZONE}, default Asia/Shanghai)
     * @param slots told of every slot that gains a subscription (the scheduler adds its trigger)
     */
    public SubscriptionService(SubscriptionStore store, ZoneId defaultZone, Clock clock, SlotListener slots) {
        this.store = Objects.requireNonNull(store, "store");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    /** The outcome of {@link #subscribe}. */
    public sealed interface Outcome {}

    /** The schedule as saved, and whether it is new (or revived) rather than changed. */
    public record Subscribed(Subscription subscription, boolean created) implements Outcome {}

    /** Refused: the chat already has {@link #MAX_SCHEDULES} active schedules, at other times. */
    public record TooMany(List<Subscription> schedules) implements Outcome {}

    /** Refused: no time was given and the chat has several schedules, so which one to change is unclear. */
    public record WhichOne(List<Subscription> schedules) implements Outcome {}

    /**
     * Adds a schedule at the given time, or changes the chat's schedule at that time. Without a time it changes the
     * chat's only schedule, or adds one at {@link #DEFAULT_TIME} when it has none. Omitted arguments keep the
     * changed schedule's setting, and take the defaults for a new one.
     */
    public Outcome subscribe(ChatRef chat, SubscribeArguments arguments, String language) {
        List<Subscription> active = active(chat);
        Optional<Subscription> current;
        if (arguments.time().isPresent()) {
            LocalTime time = arguments.time().get();
            current = active.stream().filter(s -> s.slot().time().equals(time)).findFirst();
        } else if (active.size() > 1) {
            return new WhichOne(active);
        } else {
            current = active.stream().findFirst();
        }
        LocalTime time =
                arguments.time().orElse(current.map(s -> s.slot().time()).orElse(DEFAULT_TIME));
        ZoneId zone = arguments.zone().orElse(current.map(s -> s.slot().zone()).orElse(defaultZone));
        Mode mode = arguments.mode().orElse(current.map(Subscription::mode).orElse(Mode.DAILY));
        Format format =
                arguments.format().orElse(current.map(Subscription::format).orElse(Format.TEXT));
        Days days = arguments.days().orElse(current.map(Subscription::days).orElse(Days.EVERY_DAY));
        Slot slot = new Slot(time, zone);
        // the cap is checked by the store in the transaction that adds the schedule, so that racing adds keep to it
        Optional<Subscription> saved = store.saveWithin(
                chat, new Schedule(slot, mode, days, format), language, clock.instant(), MAX_SCHEDULES);
        if (saved.isEmpty()) return new TooMany(active(chat));
        slots.slotInUse(slot);
        return new Subscribed(saved.get(), current.isEmpty());
    }

    /** Stops every schedule of the chat; false when it had no active one. */
    public boolean unsubscribe(ChatRef chat) {
        return store.unsubscribe(chat, clock.instant());
    }

    /** Stops the chat's schedule at a local time; false when it had no active one there. */
    public boolean unsubscribe(ChatRef chat, LocalTime time) {
        return store.unsubscribe(chat, time, clock.instant());
    }

    /** The chat's schedules in any status, earliest time first. */
    public List<Subscription> schedules(ChatRef chat) {
        return store.forChat(chat);
    }

    /** The chat's active schedules, earliest time first. */
    public List<Subscription> active(ChatRef chat) {
        return store.forChat(chat).stream().filter(Subscription::active).toList();
    }

    /** The schedule of this id, in any status. */
    public Optional<Subscription> schedule(long id) {
        return store.byId(id);
    }

    /**
     * The reader read the sequential schedule's next excerpt at once: its cursor moves on from {@code from}, so that
     * the next post continues after it. False when the cursor was elsewhere (the same button pressed twice).
     */
    public boolean readOn(Subscription subscription, long from) {
        return store.advance(subscription.id(), from);
    }

    /**
     * When the schedule posts next: its next due instant after now on one of its days (the second occurrence of a
     * repeated time for one made between the two).
     */
    public Instant nextPost(Subscription subscription) {
        return subscription.schedule().nextAfter(clock.instant(), subscription.changedAt());
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }
}
