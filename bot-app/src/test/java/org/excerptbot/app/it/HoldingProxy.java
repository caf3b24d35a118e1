package org.excerptbot.app.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of the fake Bot API for one bot instance. It forwards every request; once told
 * to {@link #hold()}, it still forwards each {@code sendMessage} (the fake records the message: it reached
 * Telegram) but keeps the answer from the bot until {@link #close()}. A bot killed then has every post it was
 * sending inside the fake, none half-way.
 */
final class HoldingProxy implements AutoCloseable {
    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "holding-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .build();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean holding;

    private HoldingProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy to {@code target} (the fake's base URL) on 127.0.0.1 and an ephemeral port. */
    static HoldingProxy to(String target) throws IOException {
        return new HoldingProxy(target);
    }

    /** The base URL to give the bot as {@code TELEGRAM_API_URL}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, answers to {@code sendMessage} are kept from the bot (the fake still gets the requests). */
    void hold() {
        holding = true;
    }

    /** {@code sendMessage} calls the fake has answered, held or not. */
    int sent() {
        return sent.get();
    }

    /** {@code sendMessage} calls the fake has answered and the bot is still waiting for. */
    int held() {
        return held.get();
    }

    private void forward(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(target + path + (query == null ? "" : "?" + query)))
                    .method(
                            exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(
                                    exchange.getRequestBody().readAllBytes()));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) request.header("Content-Type", type);
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            // the client may spell the method in lower case
            if (path.toLowerCase(Locale.ROOT).endsWith("/sendmessage")) {
                sent.incrementAndGet();
                if (holding) {
                    held.incrementAndGet();
                    released.await();
                    return; // the bot that waited for this answer is gone
                }
            }
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders()
                    .set("Content-Type", v));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the bot went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
