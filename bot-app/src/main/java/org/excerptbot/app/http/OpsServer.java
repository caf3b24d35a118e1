package org.excerptbot.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.HttpRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's one HTTP server (JDK {@link HttpServer}) on {@code EXCERPT_BOT_HTTP_PORT}:
 *
 * <ul>
 *   <li>{@code GET /healthz}: readiness, 200 when every check is up (status UP, or DEGRADED when one serves with
 *       something missing, such as a backlog that cannot clear before the next day), 503 otherwise, with a JSON
 *       body naming each check; {@code GET /healthz/live}: liveness, 200 while the process serves requests;
 *   <li>{@code GET /metrics}: the Prometheus text format;
 *   <li>the routes the platforms need (Telegram's webhook), {@linkplain #mount mounted} by the application.
 * </ul>
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm the body then waits for the
        // client's delayed ACK (about 40 ms a request). Read once, when the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final HealthRegistry health;

    private OpsServer(HttpServer server, ExecutorService executor, HealthRegistry health) {
        this.server = server;
        this.executor = executor;
        this.health = health;
    }

    /**
     * Binds and starts the server.
     *
     * @param address where to listen, e.g. {@code new InetSocketAddress(8080)} (all interfaces) or port 0 on
     *     127.0.0.1 in tests
     */
    public static OpsServer start(InetSocketAddress address, HealthRegistry health, MicrometerBotMetrics metrics) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(metrics, "metrics");
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "EXCERPT_BOT_HTTP_PORT: cannot listen on " + address + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz/live", exchange -> {
            try (exchange) {
                if (!get(exchange)) return;
                respond(exchange, 200, "application/json", "{\"live\":true}\n");
            }
        });
        server.createContext("/healthz", exchange -> {
            try (exchange) {
                if (!get(exchange)) return;
                if (!exchange.getRequestURI().getPath().equals("/healthz")) {
                    respond(exchange, 404, "text/plain", "not found\n");
                    return;
                }
                HealthRegistry.Report report = health.check();
                respond(exchange, report.ready() ? 200 : 503, "application/json", json(report));
            }
        });
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!get(exchange)) return;
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                respond(exchange, 404, "text/plain", "not found: try /healthz or /metrics\n");
            }
        });
        server.start();
        log.info(
                "HTTP: serving /healthz and /metrics on port {}",
                server.getAddress().getPort());
        return new OpsServer(server, executor, health);
    }

    /** Serves a platform's route; the route's handler speaks that platform's protocol. */
    public void mount(HttpRoute route) {
        Objects.requireNonNull(route, "route");
        String path = route.path();
        if (path.startsWith("/healthz") || path.startsWith("/metrics")) {
            throw new IllegalArgumentException("route: must not clash with /healthz or /metrics, was " + path);
        }
        server.createContext(path, route.handler());
        log.info("HTTP: serving {}", path);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Reports not ready, stops accepting, and gives exchanges in progress up to 1 s to finish. */
    @Override
    public void close() {
        health.markStopping();
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("HTTP: stopped");
    }

    /** True for GET and HEAD; anything else is answered 405. */
    static boolean get(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) return true;
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain", "use GET\n");
        return false;
    }

    static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String json(HealthRegistry.Report report) {
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Map.Entry<String, HealthCheck.Result> e : report.checks().entrySet()) {
            checks.put(
                    e.getKey(),
                    Map.of(
                            "status",
                            e.getValue().status().name(),
                            "detail",
                            e.getValue().detail()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        boolean degraded = report.checks().values().stream().anyMatch(r -> r.status() == HealthCheck.Status.DEGRADED);
        body.put("status", report.ready() ? (degraded ? "DEGRADED" : "UP") : report.stopping() ? "STOPPING" : "DOWN");
        body.put("live", true);
        body.put("ready", report.ready());
        body.put("checks", checks);
        try {
            return JSON.writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health report: " + e.getMessage(), e);
        }
    }
}
