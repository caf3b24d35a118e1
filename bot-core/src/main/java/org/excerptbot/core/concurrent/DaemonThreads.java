package org.excerptbot.core.concurrent;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's one thread factory: daemon threads named {@code <name>-<n>}, so that a pool never keeps the JVM
 * alive after {@code main} has decided to exit, and a thread dump says whose thread is whose.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    private DaemonThreads(String name) {
        this.name = name;
    }

    /** Threads named {@code name-1}, {@code name-2}, and so on. */
    public static DaemonThreads named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("name: must not be blank");
        return new DaemonThreads(name);
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, name + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
