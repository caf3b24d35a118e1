package org.excerptbot.core.subscription;

import java.util.Objects;

/**
 * A {@link SlotListener} to hand out before the scheduler exists (the commands are built before the messengers
 * and so before the daily posts): it forwards to whatever is bound later and does nothing until then, which is
 * safe because the scheduler gives every active slot its trigger when it starts.
 */
public final class DeferredSlotListener implements SlotListener {
    private volatile SlotListener target = SlotListener.NONE;

    /** Forwards from now on to {@code listener}. */
    public void bind(SlotListener listener) {
        this.target = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void slotInUse(Slot slot) {
        target.slotInUse(slot);
    }
}
