package org.excerptbot.core.subscription;

/** Told when a slot gains a subscription, so that the scheduler has a trigger for it. */
@FunctionalInterface
public interface SlotListener {
    SlotListener NONE = slot -> {};

    void slotInUse(Slot slot);
}
