package org.excerptbot.app.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The Telegram webhook endpoint: Telegram POSTs each {@link Update} as JSON with the secret given to
 * {@code setWebhook} in the header {@code X-Telegram-Bot-Api-Secret-Token}. A request without the right secret
 * gets 401 and is never parsed; a good one is parsed and handed to the adapter's consumer, then answered 200.
 *
 * <p>When the consumer refuses the update (it throws, for example because the bot is stopping) the answer is
 * 503, so that Telegram delivers the update again, possibly to another instance behind the same URL.
 */
public final class TelegramWebhook implements HttpHandler {
    /** The header Telegram echoes the secret token in. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** The path used when the webhook URL has none. */
    public static final String DEFAULT_PATH = "/telegram/webhook";

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);
    private static final int MAX_BODY = 1 << 20;

    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final byte[] secret;
    private final Consumer<Update> consumer;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @param secret the {@code secret_token} passed to {@code setWebhook} (TELEGRAM_WEBHOOK_SECRET)
     * @param consumer receives each authenticated update; should hand it off quickly
     */
    public TelegramWebhook(String secret, Consumer<Update> consumer) {
        if (secret == null || !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException("secret: 1-256 characters of A-Z a-z 0-9 _ -");
        }
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** The path the endpoint listens on: the webhook URL's path, or {@link #DEFAULT_PATH} when it has none. */
    public static String pathOf(String webhookUrl) {
        String path = webhookUrl == null || webhookUrl.isBlank()
                ? null
                : URI.create(webhookUrl.strip()).getPath();
        return path == null || path.isEmpty() || path.equals("/") ? DEFAULT_PATH : path;
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
                OpsServer.respond(exchange, 401, "text/plain", "unauthorized\n");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                OpsServer.respond(exchange, 405, "text/plain", "use POST\n");
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                OpsServer.respond(exchange, 413, "text/plain", "too large\n");
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                log.warn(
                        "Telegram webhook: a body that is not an Update: {}",
                        e.getMessage().lines().findFirst().orElse(""));
                OpsServer.respond(exchange, 400, "text/plain", "not an Update\n");
                return;
            }
            try {
                consumer.accept(update);
            } catch (RuntimeException e) {
                log.warn(
                        "Telegram webhook: update {} refused, Telegram will retry: {}",
                        update.getUpdateId(),
                        e.toString());
                OpsServer.respond(exchange, 503, "text/plain", "try again\n");
                return;
            }
            OpsServer.respond(exchange, 200, "application/json", "{}");
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
}
