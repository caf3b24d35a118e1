package org.excerptbot.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.excerptbot.core.bookmark.Bookmark;
import org.excerptbot.core.bookmark.BookmarkStore;
import org.excerptbot.core.bookmark.Reader;
import org.excerptbot.core.command.Platform;

/**
 * Bookmarks to and from JSON, for {@code bookmarks export|import}. The format:
 *
 * <pre>{@code
 * {"format": "excerpt-bot-bookmarks", "version": 1, "exportedAt": "2026-11-29T00:30:00Z",
 *  "bookmarks": [{"platform": "telegram", "userId": "12345", "passage": "1.11",
 *                 "savedAt": "2026-11-28T09:15:00Z"}]}
 * }</pre>
 *
 * Import checks the whole file before it writes anything, then makes each bookmark exist with its date as in the
 * file; importing the same file again changes nothing. Bookmarks that are not in the file are left alone.
 */
public final class BookmarkTransfer {
    /** The value of {@code format}. */
    public static final String FORMAT = "excerpt-bot-bookmarks";

    /** The version export writes and import reads. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What an import did. */
    public record ImportResult(int changed, int unchanged) {}

    /** The file does not hold valid bookmarks; the message names the entry and the field. */
    public static final class InvalidFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidFileException(String message) {
            super(message);
        }
    }

    private BookmarkTransfer() {}

    /** Every bookmark of the store as JSON. */
    public static String export(BookmarkStore store, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("exportedAt", now.toString());
        ArrayNode list = root.putArray("bookmarks");
        for (Bookmark b : store.all()) {
            ObjectNode o = list.addObject();
            o.put("platform", b.reader().platform().name().toLowerCase(Locale.ROOT));
            o.put("userId", b.reader().userId());
            o.put("passage", b.passage());
            o.put("savedAt", b.savedAt().toString());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("export: " + e.getMessage(), e);
        }
    }

    /** Reads and checks a whole file, then writes it into the store. */
    public static ImportResult importJson(String json, BookmarkStore store) {
        List<Bookmark> bookmarks = parse(json);
        int changed = 0;
        for (Bookmark b : bookmarks) {
            if (store.restore(b)) changed++;
        }
        return new ImportResult(changed, bookmarks.size() - changed);
    }

    /**
     * The file's bookmarks, checked.
     *
     * @throws InvalidFileException naming the entry and the field that is wrong
     */
    static List<Bookmark> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid(
                    "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null
                || !root.isObject()
                || !FORMAT.equals(root.path("format").asText())) {
            throw invalid("not a bookmarks export: \"format\" must be \"" + FORMAT + "\"");
        }
        if (root.path("version").asInt() != VERSION) {
            throw invalid("version " + root.path("version") + " is not supported; this bot reads " + VERSION);
        }
        JsonNode list = root.path("bookmarks");
        if (!list.isArray()) throw invalid("\"bookmarks\" must be an array");
        List<Bookmark> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "bookmarks[" + i + "]";
            String platformWord = text(o, at, "platform");
            Platform platform;
            try {
                platform = Platform.valueOf(platformWord.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(at + ".platform: '" + platformWord + "' is not a platform of this bot");
            }
            String userId = text(o, at, "userId");
            if (userId.isBlank() || userId.length() > 64) throw invalid(at + ".userId: must be 1-64 characters");
            String passage = text(o, at, "passage");
            if (!Bookmark.isPassage(passage)) {
                throw invalid(at + ".passage: '" + passage + "' is not a position such as 1.11 or 1.11.2-3");
            }
            String savedAt = text(o, at, "savedAt");
            Instant when;
            try {
                when = Instant.parse(savedAt);
            } catch (DateTimeParseException e) {
                throw invalid(at + ".savedAt: '" + savedAt + "' is not an instant such as 2026-11-28T09:15:00Z");
            }
            if (!seen.add(platform + " " + userId + " " + passage)) {
                throw invalid(at + ": user " + userId + " has " + passage + " twice");
            }
            out.add(new Bookmark(new Reader(platform, userId), passage, when));
        }
        return out;
    }

    private static String text(JsonNode o, String at, String field) {
        JsonNode v = o.path(field);
        if (!v.isTextual()) throw invalid(at + "." + field + ": missing, or not a string");
        return v.asText();
    }

    private static InvalidFileException invalid(String message) {
        return new InvalidFileException(message);
    }
}
