package org.excerptbot.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.card.CardKey;
import org.excerptbot.core.card.CardPassages;
import org.excerptbot.core.platform.HttpRoute;
import org.excerptbot.core.reply.Picture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves quote cards at {@code GET /cards/{key}.png} (see {@link CardKey}): the passage's first card, rendered as
 * {@code /card} renders it, so that Telegram can fetch it for inline results. A card is the same bytes for as long as
 * the bot runs the same version, so it is sent with a long {@code Cache-Control} and its SHA-256 as the ETag (a
 * matching {@code If-None-Match} gets 304). A key that is not in the exact form, or names no passage, gets 404.
 */
public final class CardFiles implements HttpHandler {
    /** A month: the bytes change only with a new version, and the ETag tells a cache when they did. */
    static final String CACHE_CONTROL = "public, max-age=2592000";

    private static final Logger log = LoggerFactory.getLogger(CardFiles.class);
    private final CardPassages passages;

    public CardFiles(CardPassages passages) {
        this.passages = Objects.requireNonNull(passages, "passages");
    }

    /** The route to mount on the HTTP server. */
    public HttpRoute route() {
        return new HttpRoute(CardKey.PATH, this);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!OpsServer.get(exchange)) return;
            String method = exchange.getRequestMethod();
            Optional<Picture> card = key(exchange.getRequestURI().getRawPath()).flatMap(k -> {
                try {
                    return passages.firstCard(k);
                } catch (RuntimeException e) {
                    log.warn("Card {} could not be rendered: {}", k, e.toString());
                    return Optional.empty();
                }
            });
            if (card.isEmpty()) {
                OpsServer.respond(exchange, 404, "text/plain", "no such card\n");
                return;
            }
            Picture picture = card.get();
            String etag = "\"" + picture.sha256() + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Cache-Control", CACHE_CONTROL);
            if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), etag)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            if ("HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(picture.size()));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, picture.size());
            try (OutputStream out = exchange.getResponseBody()) {
                picture.writeTo(out);
            }
        }
    }

    /** The key of {@code /cards/{key}.png}; empty for any other path. */
    static Optional<CardKey> key(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(CardKey.PATH) || !rawPath.endsWith(".png")) return Optional.empty();
        return CardKey.parse(rawPath.substring(CardKey.PATH.length(), rawPath.length() - ".png".length()));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) return true;
        }
        return false;
    }
}
