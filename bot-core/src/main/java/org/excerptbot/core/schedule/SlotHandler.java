package org.excerptbot.core.schedule;

import java.time.Instant;
import org.excerptbot.core.subscription.Slot;

/** What happens when a slot falls due: the delivery engine queues its posts. */
@FunctionalInterface
public interface SlotHandler {
    /** The slot's trigger fired for the instant it was scheduled at; returns how many posts were queued. */
    int slotDue(Slot slot, Instant scheduledAt);
}
