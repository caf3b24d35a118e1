package org.excerptbot.app.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered steps of a graceful stop, run once by a JVM shutdown hook (SIGTERM, SIGINT, the end of
 * {@code main}) or directly. Each part of the application registers its step in a phase; phases run in their
 * order, steps of one phase in registration order. A failing step is logged and the next one still runs.
 *
 * <p>The phases, in order: {@link Phase#STOP_ACCEPTING} (the HTTP server reports not ready and stops),
 * {@link Phase#STOP_POSTS} (the daily posts: no new claims, sends in flight finish, unstarted claims go back to
 * the queue), {@link Phase#CLOSE_PLATFORMS} (each platform stops taking updates and lets replies finish; only now,
 * so that no post is handed to a messenger that is already closed), {@link Phase#CLOSE_POOL} (the database pool).
 */
public final class Shutdown {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    /** When a step runs. */
    public enum Phase {
        STOP_ACCEPTING,
        STOP_POSTS,
        CLOSE_PLATFORMS,
        CLOSE_POOL
    }

    /** One step of the stop. */
    public record Step(Phase phase, String name, AutoCloseable action, int sequence) {}

    private final List<Step> steps = new ArrayList<>();
    private final AtomicBoolean ran = new AtomicBoolean();
    private Thread hook;

    /** Adds a step; {@code name} appears in the log ("stopping: telegram"). Too late once the stop has begun. */
    public synchronized Shutdown register(Phase phase, String name, AutoCloseable action) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        if (ran.get()) throw new IllegalStateException("register " + name + ": the stop has already begun");
        steps.add(new Step(phase, name, action, steps.size()));
        return this;
    }

    /** The steps in the order {@link #run()} runs them. */
    public synchronized List<Step> plan() {
        List<Step> plan = new ArrayList<>(steps);
        plan.sort(Comparator.comparing(Step::phase).thenComparingInt(Step::sequence));
        return plan;
    }

    /**
     * Runs every step once, in order; later calls do nothing. Returns the names of the steps that failed.
     */
    public List<String> run() {
        if (!ran.compareAndSet(false, true)) return List.of();
        List<String> failed = new ArrayList<>();
        log.info("stopping gracefully");
        for (Step step : plan()) {
            log.info("stopping: {}", step.name());
            try {
                step.action().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(step.name());
                log.warn("stopping {}: interrupted", step.name());
            } catch (Exception | LinkageError e) {
                failed.add(step.name());
                log.warn("stopping {} failed; going on with the rest", step.name(), e);
            }
        }
        log.info("stopped");
        return failed;
    }

    /** Whether the stop has begun. */
    public boolean started() {
        return ran.get();
    }

    /** Installs a JVM shutdown hook that calls {@link #run()} (SIGTERM and SIGINT run shutdown hooks). */
    public synchronized Shutdown installHook() {
        if (hook == null) {
            hook = new Thread(this::run, "graceful-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return this;
    }

    /** Removes the hook (after a stop that ran by itself, or in tests). */
    public synchronized void removeHook() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook runs or has run
            }
            hook = null;
        }
    }
}
