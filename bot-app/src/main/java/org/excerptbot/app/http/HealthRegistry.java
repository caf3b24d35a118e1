package org.excerptbot.app.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.excerptbot.core.metrics.HealthCheck;

/**
 * The named health checks of this instance (the database, each platform). The instance is ready when every
 * check is up and it is not shutting down. Each check gets a time limit, so that a hung database cannot hang
 * {@code /healthz}.
 */
public final class HealthRegistry {
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final Map<String, Integer> order = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    /** Checks with a 2 s limit each. */
    public HealthRegistry() {
        this(2_000);
    }

    public HealthRegistry(long timeoutMillis) {
        if (timeoutMillis < 1)
            throw new IllegalArgumentException("timeoutMillis: must be positive, was " + timeoutMillis);
        this.timeoutMillis = timeoutMillis;
    }

    /** Adds (or replaces) a check under a short name such as {@code database} or {@code telegram}. */
    public void register(String name, HealthCheck check) {
        if (name == null || !name.matches("[a-z0-9_.-]{1,40}")) {
            throw new IllegalArgumentException("name: 1-40 of a-z 0-9 _ . -, was " + name);
        }
        checks.put(name, Objects.requireNonNull(check, "check"));
        order.putIfAbsent(name, order.size());
    }

    /** From now on the instance reports itself not ready (it is shutting down). */
    public void markStopping() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /** What {@code /healthz} reports: each check's result in registration order, and whether all are up. */
    public record Report(boolean ready, boolean stopping, Map<String, HealthCheck.Result> checks) {}

    /** Runs every check now. */
    public Report check() {
        Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
        checks.keySet().stream().sorted((a, b) -> order.get(a) - order.get(b)).forEach(name -> {
            results.put(name, run(checks.get(name)));
        });
        boolean ready = !stopping && results.values().stream().allMatch(HealthCheck.Result::up);
        return new Report(ready, stopping, results);
    }

    private HealthCheck.Result run(HealthCheck check) {
        Future<HealthCheck.Result> f = runner.submit(check::check);
        try {
            HealthCheck.Result r = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return r == null ? HealthCheck.Result.down("the check gave no answer") : r;
        } catch (TimeoutException e) {
            f.cancel(true);
            return HealthCheck.Result.down("no answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheck.Result.down("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return HealthCheck.Result.down("the check failed: " + e.getCause());
        }
    }
}
