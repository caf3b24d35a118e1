package org.excerptbot.core.delivery;

import java.time.LocalDate;
import org.excerptbot.core.subscription.Subscription;

/** Decides what a subscription receives on a local date. Pure: composing twice gives the same post. */
@FunctionalInterface
public interface PostComposer {
    Post compose(Subscription subscription, LocalDate localDate);
}
