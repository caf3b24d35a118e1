package org.excerptbot.app.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.excerptbot.core.script.ChatPreferenceStore;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.excerptbot.core.subscription.SubscriptionStore.Restored;

/**
 * Subscriptions to and from JSON, for {@code subscriptions export|import}: moving from the embedded database to
 * PostgreSQL, backups, or a review by hand. The format:
 *
 * <pre>{@code
 * {"format": "excerpt-bot-subscriptions", "version": 3, "exportedAt": "2026-11-29T00:30:00Z",
 *  "subscriptions": [{"platform": "telegram", "chatId": "-1001234567890", "chatType": "group", "thread": "42",
 *                     "time": "08:00", "zone": "Asia/Shanghai", "mode": "daily", "days": "weekdays",
 *                     "postFormat": "card", "language": "zh-TW", "cursor": 0, "status": "active"}],
 *  "chats": [{"platform": "telegram", "chatId": "-1001234567890", "script": "traditional"}]}
 * }</pre>
 *
 * A chat may appear several times, once per local time (its schedules). {@code days} ({@code everyday},
 * {@code weekdays}, {@code weekends} or {@code mon,wed,fri}) and {@code postFormat} ({@code text} or {@code card})
 * may be left out, and are absent from version 1 files: every day, text. {@code thread} (the Telegram forum topic the
 * schedule posts into) is absent for a chat's main conversation and from files before version 3, as is
 * {@code chats} (each chat's choice of script, see {@link ScriptChoiceTransfer}). Import reads the file twice, streaming, so
 * that its memory does not grow with the file (but for {@link ScheduleKeys}): it checks every entry first and
 * writes nothing when one is wrong, then writes the entries in batches as it reads them again; each schedule is
 * made exactly as in the file, and importing the same file again changes nothing.
 */
public final class SubscriptionTransfer {
    /** The value of {@code format}. */
    public static final String FORMAT = "excerpt-bot-subscriptions";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What an import did. */
    public record ImportResult(int changed, int unchanged) {}

    /** The version export writes; import reads it and every version before. */
    static final int VERSION = 3;

    /** The file does not hold valid subscriptions; the message names the entry and the field. */
    public static final class InvalidFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidFileException(String message) {
            super(message);
        }
    }

    private SubscriptionTransfer() {}

    /** Every subscription of the store, and every chat's choice of script, as JSON. */
    public static String export(SubscriptionStore store, ChatPreferenceStore preferences, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("exportedAt", now.toString());
        ArrayNode list = root.putArray("subscriptions");
        for (Subscription s : store.all()) SubscriptionEntries.write(s, list.addObject());
        ScriptChoiceTransfer.export(preferences, root);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("export: " + e.getMessage(), e);
        }
    }

    /** Where an import reads its file from; each pass opens it again. */
    @FunctionalInterface
    public interface Source {
        /** A new parser at the start of the file. */
        JsonParser open() throws IOException;

        /** The file at this path. */
        static Source of(Path file) {
            return () -> JSON.getFactory().createParser(file.toFile());
        }

        /** This text. */
        static Source of(String json) {
            return () -> JSON.getFactory().createParser(json);
        }
    }

    /** Checks the whole text, then writes it into the store. */
    public static ImportResult importJson(String json, SubscriptionStore store, Instant now) {
        Source source = Source.of(json);
        return write(source, check(source), store, now);
    }

    /**
     * The first pass of an import: reads and checks the whole file one entry at a time, keeping only the keys of the
     * schedules seen (to refuse a chat's second schedule at one time). Returns how many entries it holds.
     */
    public static int check(Source source) {
        InvalidFileException firstBadEntry = null;
        try (EntryReader entries = new EntryReader(source, new ScheduleKeys())) {
            try {
                while (entries.hasNext()) entries.next();
            } catch (InvalidFileException e) {
                if (entries.broken) throw e;
                firstBadEntry = e;
            }
            // the rest is still read: a JSON syntax error or a wrong header anywhere names the file, not the entry
            entries.skipToEnd();
            entries.checkHeader();
            if (firstBadEntry != null) throw firstBadEntry;
            return entries.count();
        }
    }

    /**
     * The second pass of an import: writes the checked file's entries into the store as it reads them, one batch of
     * the store's at a time. A file that no longer checks (changed since {@link #check}) stops the import where
     * the change is, after the batches before it were written.
     */
    public static ImportResult write(Source source, int entries, SubscriptionStore store, Instant now) {
        try (EntryReader reader = new EntryReader(source, null)) {
            int changed;
            try {
                changed = store.restoreAll(reader, now);
            } catch (InvalidFileException e) {
                throw new InvalidFileException("changed while it was imported (" + e.getMessage()
                        + "); the batches before " + reader.at() + " were imported");
            }
            if (reader.count() != entries) {
                throw new InvalidFileException("changed while it was imported: " + reader.count()
                        + " entries instead of " + entries + "; they were imported");
            }
            return new ImportResult(changed, entries - changed);
        }
    }

    /** Reads and checks a whole text; the entries in file order. */
    static List<Restored> parse(String json) {
        Source source = Source.of(json);
        check(source);
        List<Restored> out = new ArrayList<>();
        try (EntryReader entries = new EntryReader(source, null)) {
            entries.forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * A file's entries, read and checked one at a time by a streaming parser (each entry on its own as a small
     * tree): memory stays flat whatever the file's size. The root's {@code format} and {@code version} are kept on
     * the way; {@link #checkHeader} checks them once the whole root has been read, as they may follow the entries.
     */
    private static final class EntryReader implements Iterator<Restored>, AutoCloseable {
        private final JsonParser parser;
        private final ScheduleKeys seen;
        private final ObjectNode header = JSON.createObjectNode();
        private boolean broken;
        private boolean rootIsObject;
        private boolean sawArray;
        private boolean inArray;
        private boolean done;
        private int index = -1;
        private Restored next;

        /** With {@code seen}, refuses a chat's second schedule at one time; the second pass needs no such check. */
        EntryReader(Source source, ScheduleKeys seen) {
            this.seen = seen;
            try {
                parser = source.open();
                parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                JsonToken first = parser.nextToken();
                rootIsObject = first == JsonToken.START_OBJECT;
                if (!rootIsObject) {
                    if (first != null) parser.skipChildren();
                    done = true;
                }
            } catch (IOException e) {
                throw notJson(e);
            }
        }

        /** Where the last entry read is, as the messages name it. */
        String at() {
            return "subscriptions[" + index + "]";
        }

        /** How many entries were read. */
        int count() {
            return index + 1;
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            try {
                while (!done) {
                    if (inArray) {
                        if (parser.nextToken() == JsonToken.END_ARRAY) {
                            inArray = false;
                            continue;
                        }
                        JsonNode node = JSON.readTree(parser);
                        index++;
                        next = SubscriptionEntries.read(node == null ? NullNode.getInstance() : node, at(), seen);
                        return true;
                    }
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.END_OBJECT || t == null) {
                        done = true;
                    } else {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (field.equals("subscriptions") && value == JsonToken.START_ARRAY) {
                            inArray = sawArray = true;
                        } else if (field.equals("format") || field.equals("version")) {
                            header.set(field, JSON.readTree(parser));
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                return false;
            } catch (IOException e) {
                throw notJson(e);
            }
        }

        @Override
        public Restored next() {
            if (!hasNext()) throw new NoSuchElementException();
            Restored r = next;
            next = null;
            return r;
        }

        /** Reads the rest of the root without checking the entries left. */
        void skipToEnd() {
            if (broken) return;
            try {
                if (inArray) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) parser.skipChildren();
                    inArray = false;
                }
            } catch (IOException e) {
                throw notJson(e);
            }
            next = null;
            while (hasNext()) next = null;
        }

        /** Checks the root's format and version and that its entries are an array; call after the whole root. */
        void checkHeader() {
            if (!rootIsObject || !FORMAT.equals(header.path("format").asText())) {
                throw new InvalidFileException("not a subscriptions export: \"format\" must be \"" + FORMAT + "\"");
            }
            int version = header.path("version").asInt();
            if (version < 1 || version > VERSION) {
                throw new InvalidFileException(
                        "version " + header.path("version") + " is not supported; this bot reads 1 to " + VERSION);
            }
            if (!sawArray) throw new InvalidFileException("\"subscriptions\" must be an array");
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private InvalidFileException notJson(IOException e) {
            if (!(e instanceof JsonProcessingException)) throw new UncheckedIOException(e);
            broken = true;
            String message = e.getMessage() == null ? "" : e.getMessage();
            return new InvalidFileException(
                    "not valid JSON: " + message.lines().findFirst().orElse(""));
        }
    }
}
