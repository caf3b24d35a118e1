package org.excerptbot.core.delivery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake of the Telegram Bot API's {@code sendMessage} for the delivery benchmark, on 127.0.0.1. It enforces a
 * strict sliding one-second window of {@code rate} accepted messages over all chats, answering more with Telegram's
 * 429 ({@code parameters.retry_after}), and counts what it accepted per chat, so that lost and duplicated posts
 * show. {@code GET /stats} answers the counts as JSON. Run as its own process:
 * {@code FakeBotApi <port> <rate>}.
 */
public final class FakeBotApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int rate;
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private final Map<String, Integer> perChat = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;

    private FakeBotApi(int rate) {
        this.rate = rate;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        FakeBotApi api = new FakeBotApi(Integer.parseInt(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/", api::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("fake Bot API on 127.0.0.1:" + port + ", " + api.rate + " messages/s");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/stats")) {
                long duplicates = perChat.values().stream()
                        .filter(n -> n > 1)
                        .mapToLong(n -> n - 1)
                        .sum();
                respond(
                        ex,
                        200,
                        JSON.writeValueAsString(Map.of(
                                "accepted", accepted.get(),
                                "rejected429", rejected.get(),
                                "distinctChats", perChat.size(),
                                "duplicates", duplicates,
                                "firstToLastSeconds", (lastNanos - firstNanos) / 1e9)));
                return;
            }
            if (!path.matches("/bot[^/]+/sendMessage")) {
                respond(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String chat = body.path("chat_id").asText();
            if (!admit()) {
                rejected.incrementAndGet();
                respond(
                        ex,
                        429,
                        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                                + "\"parameters\":{\"retry_after\":1}}");
                return;
            }
            perChat.merge(chat, 1, Integer::sum);
            accepted.incrementAndGet();
            long id = messageIds.incrementAndGet();
            respond(
                    ex,
                    200,
                    "{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"date\":0,\"chat\":{\"id\":" + chat
                            + ",\"type\":\"private\"},\"text\":\"\"}}");
        }
    }

    /** Strict sliding window: at most {@code rate} accepted messages in any second. */
    private synchronized boolean admit() {
        long now = System.nanoTime();
        while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) window.pollFirst();
        if (window.size() >= rate) return false;
        window.addLast(now);
        if (firstNanos == 0) firstNanos = now;
        lastNanos = now;
        return true;
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
