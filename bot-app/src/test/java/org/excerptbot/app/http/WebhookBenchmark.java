package org.excerptbot.app.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.excerptbot.telegram.WebhookRoutes;

/**
 * Benchmark (not a test): N webhook updates POSTed by C concurrent clients to the ops HTTP server on 127.0.0.1,
 * one in ten with a wrong secret. Prints requests per second, p50/p99/max latency, updates delivered and 401s,
 * then the latency of /metrics and /healthz. Run by {@code bench/ops-webhook.sh}.
 */
public final class WebhookBenchmark {
    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        LongAdder delivered = new LongAdder();
        MicrometerBotMetrics metrics = new MicrometerBotMetrics();
        HealthRegistry health = new HealthRegistry();
        health.register("database", () -> org.excerptbot.core.metrics.HealthCheck.Result.up("ok"));
        try (OpsServer server =
                OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health, metrics)) {
            server.mount(WebhookRoutes.of("/tg", "bench_secret", u -> delivered.increment()));
            URI hook = URI.create("http://127.0.0.1:" + server.port() + "/tg");
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(clients))
                    .build();
            run(http, hook, 2_000, clients, new LongAdder()); // warm-up
            delivered.reset();
            LongAdder unauthorised = new LongAdder();
            long start = System.nanoTime();
            long[] latencies = run(http, hook, total, clients, unauthorised);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(
                    "webhook: %d requests, %d clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " delivered %d, 401 %d (expected %d and %d)%n",
                    total,
                    clients,
                    total / seconds,
                    latencies[total / 2] / 1e6,
                    latencies[(int) (total * 0.99)] / 1e6,
                    latencies[total - 1] / 1e6,
                    delivered.sum(),
                    unauthorised.sum(),
                    total - total / 10,
                    total / 10);
            for (String path : new String[] {"/metrics", "/healthz"}) {
                long[] l = new long[200];
                for (int i = 0; i < l.length; i++) {
                    long t = System.nanoTime();
                    http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    l[i] = System.nanoTime() - t;
                }
                Arrays.sort(l);
                System.out.printf(
                        "%s: p50 %.2f ms, p99 %.2f ms over %d requests%n", path, l[100] / 1e6, l[198] / 1e6, l.length);
            }
            System.exit(0);
        }
    }

    private static long[] run(HttpClient http, URI hook, int total, int clients, LongAdder unauthorised)
            throws InterruptedException {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String body = "{\"update_id\":" + i + ",\"message\":{\"message_id\":" + i + ",\"date\":1764370000,"
                            + "\"chat\":{\"id\":" + (1000 + i) + ",\"type\":\"private\"},\"text\":\"/today\"}}";
                    HttpRequest request = HttpRequest.newBuilder(hook)
                            .header(WebhookRoutes.SECRET_HEADER, i % 10 == 9 ? "wrong" : "bench_secret")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long t = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (status == 401) unauthorised.increment();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    latencies[i] = System.nanoTime() - t;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return latencies;
    }
}
