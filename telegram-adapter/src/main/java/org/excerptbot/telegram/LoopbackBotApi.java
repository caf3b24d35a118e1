package org.excerptbot.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Bot API on the loopback interface, for {@link ReplyRehearsal} only: it reads each request
 * whole and answers it as the Bot API answers success (the sent message for {@code sendMessage} and
 * {@code editMessageText}, {@code true} for everything else). Nothing leaves the machine.
 */
final class LoopbackBotApi implements AutoCloseable {
    private static final byte[] MESSAGE =
            """
            {"ok":true,"result":{"message_id":1,"date":1700000000,"chat":{"id":1,"type":"private"},"text":"x"}}"""
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRUE = "{\"ok\":true,\"result\":true}".getBytes(StandardCharsets.UTF_8);

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm the body then waits for the
        // client's delayed ACK (about 40 ms a request, 0.1 s a rehearsal round). Read once, when the first
        // HttpServer is created (the ops server sets the same).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger answered = new AtomicInteger();

    private LoopbackBotApi(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts on a free port of the loopback interface. */
    static LoopbackBotApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "telegram-rehearsal-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        LoopbackBotApi api = new LoopbackBotApi(server, threads);
        server.createContext("/", api::answer);
        server.start();
        return api;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:41234}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests answered so far. */
    int answered() {
        return answered.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String path = exchange.getRequestURI().getPath().toLowerCase(Locale.ROOT);
            byte[] body = path.endsWith("/sendmessage") || path.endsWith("/editmessagetext") ? MESSAGE : TRUE;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            answered.incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
