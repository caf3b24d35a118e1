package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The webhook endpoint: Telegram POSTs each {@link Update} as JSON with the secret given to {@code setWebhook} in
 * the header {@code X-Telegram-Bot-Api-Secret-Token}. A request without the right secret gets 401 and is never
 * parsed (nor is its method looked at); a good one is parsed and handed to the consumer, then answered 200. Other
 * methods get 405, bodies over 1 MiB 413, bodies that are not an Update 400.
 *
 * <p>When the consumer refuses the update (it throws, for example because the bot is stopping or busy) the answer
 * is 503, so that Telegram delivers the update again later, possibly to another instance behind the same URL.
 */
final class TelegramWebhook implements HttpHandler {
    /** The header Telegram echoes the secret token in. */
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);
    private static final int MAX_BODY = 1 << 20;

    private final AtomicLong refused = new AtomicLong();
    private final byte[] secret;
    private final Consumer<Update> consumer;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @param secret the {@code secret_token} passed to {@code setWebhook}
     * @param consumer receives each authenticated update; should hand it off quickly
     */
    TelegramWebhook(String secret, Consumer<Update> consumer) {
        if (secret == null || !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException("secret: must be 1-256 characters of A-Z a-z 0-9 _ -");
        }
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorised(exchange.getRequestHeaders().getFirst(SECRET_HEADER))) {
                long n = refused.incrementAndGet();
                if (n == 1 || n % 1000 == 0) { // a flood of bad requests must not flood the log too
                    log.warn(
                            "Telegram webhook: {} request from {} without the right secret token: 401 ({} so far)",
                            exchange.getRequestMethod(),
                            exchange.getRemoteAddress().getAddress().getHostAddress(),
                            n);
                }
                respond(exchange, 401, "text/plain", "unauthorized\n");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, "text/plain", "use POST\n");
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, "text/plain", "too large\n");
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                log.warn(
                        "Telegram webhook: a body that is not an Update: {}",
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                respond(exchange, 400, "text/plain", "not an Update\n");
                return;
            }
            try {
                consumer.accept(update);
            } catch (RuntimeException e) {
                log.warn(
                        "Telegram webhook: update {} refused, Telegram will deliver it again: {}",
                        update.getUpdateId(),
                        e.getMessage());
                respond(exchange, 503, "text/plain", "try again\n");
                return;
            }
            respond(exchange, 200, "application/json", "{}");
        }
    }

    private boolean authorised(String given) {
        // constant-time comparison, so the secret cannot be guessed byte by byte from response times
        return given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
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
}
