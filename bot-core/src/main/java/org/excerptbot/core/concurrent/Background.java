package org.excerptbot.core.concurrent;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A value computed once, on a daemon thread of its own: from {@link #start()}, or at the latest when it is first
 * asked for, which then waits for it. For work that start-up should not wait for but that the first user of it
 * may (the cross-references, the search index).
 */
public final class Background<T> implements Supplier<T> {
    private final String name;
    private final Supplier<T> compute;
    private CompletableFuture<T> value; // null until started

    private Background(String name, Supplier<T> compute) {
        this.name = name;
        this.compute = compute;
    }

    /** A value {@code compute} makes on a thread named {@code name-1}. */
    public static <T> Background<T> of(String name, Supplier<T> compute) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(compute, "compute");
        return new Background<>(name, compute);
    }

    /** Starts computing the value, unless that has begun; returns at once. */
    public void start() {
        started();
    }

    private synchronized CompletableFuture<T> started() {
        if (value == null) {
            value = CompletableFuture.supplyAsync(
                    compute, task -> DaemonThreads.named(name).newThread(task).start());
        }
        return value;
    }

    /** The value, once computed; throws IllegalStateException with the cause when computing it failed. */
    @Override
    public T get() {
        try {
            return started().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("could not compute " + name, e.getCause());
        }
    }
}
