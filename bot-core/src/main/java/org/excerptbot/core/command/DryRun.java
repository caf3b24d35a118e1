package org.excerptbot.core.command;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Marks work done on this thread as a dry run: an adapter rehearsing its reply path at start-up (so that the first
 * real commands find it loaded and compiled) dispatches sample requests inside one. Requests in a dry run are not
 * charged to flood control and not counted by the metrics; the handlers themselves only read.
 */
public final class DryRun {
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private DryRun() {}

    /** Runs {@code work} as a dry run on this thread and returns its result. */
    public static <T> T run(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        boolean outer = ACTIVE.get();
        ACTIVE.set(true);
        try {
            return work.get();
        } finally {
            ACTIVE.set(outer);
        }
    }

    /** Whether this thread is in a dry run. */
    public static boolean active() {
        return ACTIVE.get();
    }
}
