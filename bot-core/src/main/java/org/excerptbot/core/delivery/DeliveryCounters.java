package org.excerptbot.core.delivery;

import java.util.concurrent.atomic.AtomicLong;

/** What one engine's parts have done since it started, counted as they go. */
final class DeliveryCounters {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong forbidden = new AtomicLong();
    final AtomicLong migrated = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    DeliveryEngine.Stats stats() {
        return new DeliveryEngine.Stats(
                sent.get(),
                rateLimited.get(),
                forbidden.get(),
                migrated.get(),
                retried.get(),
                failed.get(),
                skipped.get());
    }
}
