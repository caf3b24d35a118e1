package org.excerptbot.core.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;

/**
 * Subscribing, changing and unsubscribing, with the instance's defaults (08:00, the instance's zone,
 * {@link Mode#DAILY}). Who may do it is the dispatcher's business ({@code Privacy.CHAT_ADMIN}).
 */
public final class SubscriptionService {
    /** The posting time when none is given. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(8, 0);

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

    /** The outcome of {@link #subscribe}: the subscription as saved, and whether it is new (or revived). */
    public record Subscribed(Subscription subscription, boolean created) {}

    /**
     * Creates or changes the chat's subscription. Omitted arguments keep the current setting when the chat is
     * already subscribed, and take the defaults otherwise.
     */
    public Subscribed subscribe(ChatRef chat, SubscribeArguments arguments, String language) {
        Optional<Subscription> current = store.find(chat).filter(Subscription::active);
        LocalTime time =
                arguments.time().orElse(current.map(s -> s.slot().time()).orElse(DEFAULT_TIME));
        ZoneId zone = arguments.zone().orElse(current.map(s -> s.slot().zone()).orElse(defaultZone));
        Mode mode = arguments.mode().orElse(current.map(Subscription::mode).orElse(Mode.DAILY));
        Slot slot = new Slot(time, zone);
        Subscription saved = store.save(chat, slot, mode, language, clock.instant());
        slots.slotInUse(slot);
        return new Subscribed(saved, current.isEmpty());
    }

    /** Stops the chat's posts; false when it had no active subscription. */
    public boolean unsubscribe(ChatRef chat) {
        return store.unsubscribe(chat, clock.instant());
    }

    /** The chat's subscription in any status. */
    public Optional<Subscription> find(ChatRef chat) {
        return store.find(chat);
    }

    /** When the subscription posts next (its next due instant after now). */
    public Instant nextPost(Subscription subscription) {
        return subscription.slot().nextAfter(clock.instant());
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }
}
