package org.excerptbot.core.subscription;

import java.time.ZoneId;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatZones;

/** The zone of a chat: its active subscription's zone, else the instance's default. */
public final class SubscriptionChatZones implements ChatZones {
    private final SubscriptionStore store;
    private final ZoneId defaultZone;

    public SubscriptionChatZones(SubscriptionStore store, ZoneId defaultZone) {
        this.store = Objects.requireNonNull(store, "store");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    @Override
    public ZoneId zoneOf(ChatRef chat) {
        return store.find(chat)
                .filter(Subscription::active)
                .map(s -> s.slot().zone())
                .orElse(defaultZone);
    }
}
