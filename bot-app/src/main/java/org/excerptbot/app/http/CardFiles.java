package org.excerptbot.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.card.CardKey;
import org.excerptbot.core.card.CardKey.Rendition;
import org.excerptbot.core.card.CardPassages;
import org.excerptbot.core.card.JpegRenditions;
import org.excerptbot.core.platform.HttpRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves quote cards at {@code GET /cards/{key}.png} (see {@link CardKey}): the passage's first card, rendered as
 * {@code /card} renders it, and as {@code .jpg} and {@code .thumb.jpg} the JPEG photo and thumbnail that Telegram
 * fetches for inline results. A card is the same bytes for as long as the bot runs the same version, so it is sent
 * with a long {@code Cache-Control} and its SHA-256 as the ETag (a matching {@code If-None-Match} gets 304). A key
 * that is not in the exact form, or names no passage, gets 404. The last JPEGs made are kept, within a bound.
 */
public final class CardFiles implements HttpHandler {
    /** A month: the bytes change only with a new version, and the ETag tells a cache when they did. */
    static final String CACHE_CONTROL = "public, max-age=2592000";

    /** How many JPEG renditions are kept. */
    static final int JPEGS_KEPT = 64;

    private static final Logger log = LoggerFactory.getLogger(CardFiles.class);
    private final CardPassages passages;
    private final Map<Requested, Served> jpegs = new LinkedHashMap<>(16, 0.75f, true);

    /** A rendition of a card, as a path names it. */
    record Requested(CardKey key, Rendition rendition) {}

    /** The bytes served for a path and their ETag. */
    private record Served(byte[] bytes, String etag) {}

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
            Optional<Requested> requested = requested(exchange.getRequestURI().getRawPath());
            Optional<Served> served = requested.flatMap(r -> {
                try {
                    return serve(r);
                } catch (RuntimeException e) {
                    log.warn("Card {} could not be rendered: {}", r.key(), e.toString());
                    return Optional.empty();
                }
            });
            if (served.isEmpty()) {
                OpsServer.respond(exchange, 404, "text/plain", "no such card\n");
                return;
            }
            byte[] bytes = served.get().bytes();
            String etag = served.get().etag();
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Cache-Control", CACHE_CONTROL);
            if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), etag)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders()
                    .set("Content-Type", requested.get().rendition().contentType());
            if ("HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Optional<Served> serve(Requested requested) {
        if (requested.rendition() == Rendition.PNG) {
            return passages.firstCard(requested.key()).map(p -> new Served(p.png(), "\"" + p.sha256() + "\""));
        }
        synchronized (jpegs) {
            Served kept = jpegs.get(requested);
            if (kept != null) return Optional.of(kept);
        }
        Optional<Served> made = passages.firstCard(requested.key()).map(p -> {
            byte[] jpeg = requested.rendition() == Rendition.JPEG
                    ? JpegRenditions.photo(p.png())
                    : JpegRenditions.thumbnail(p.png());
            return new Served(jpeg, "\"" + sha256(jpeg) + "\"");
        });
        made.ifPresent(m -> {
            synchronized (jpegs) {
                jpegs.put(requested, m);
                if (jpegs.size() > JPEGS_KEPT)
                    jpegs.remove(jpegs.keySet().iterator().next());
            }
        });
        return made;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The card and rendition a path names ({@code /cards/1.11-light.thumb.jpg}); empty for any other path. */
    static Optional<Requested> requested(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(CardKey.PATH)) return Optional.empty();
        String name = rawPath.substring(CardKey.PATH.length());
        for (Rendition r : List.of(Rendition.THUMBNAIL, Rendition.JPEG, Rendition.PNG)) {
            if (name.endsWith(r.suffix())) {
                return CardKey.parse(
                                name.substring(0, name.length() - r.suffix().length()))
                        .map(k -> new Requested(k, r));
            }
        }
        return Optional.empty();
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
