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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.excerptbot.core.subscription.SubscriptionStore.Restored;

/**
 * Subscriptions to and from JSON, for {@code subscriptions export|import}: moving from the embedded database to
 * PostgreSQL, backups, or a review by hand. The format:
 *
 * <pre>{@code
 * {"format": "excerpt-bot-subscriptions", "version": 2, "exportedAt": "2026-11-29T00:30:00Z",
 *  "subscriptions": [{"platform": "telegram", "chatId": "-1001234567890", "chatType": "group",
 *                     "time": "08:00", "zone": "Asia/Shanghai", "mode": "daily", "days": "weekdays",
 *                     "postFormat": "card", "language": "zh", "cursor": 0, "status": "active"}]}
 * }</pre>
 *
 * A chat may appear several times, once per local time (its schedules). {@code days} ({@code everyday},
 * {@code weekdays}, {@code weekends} or {@code mon,wed,fri}) and {@code postFormat} ({@code text} or {@code card})
 * may be left out, and are absent from version 1 files: every day, text. Import reads the file twice, streaming, so
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

    /** The version export writes; import reads it and version 1. */
    static final int VERSION = 2;

    /** The file does not hold valid subscriptions; the message names the entry and the field. */
    public static final class InvalidFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidFileException(String message) {
            super(message);
        }
    }

    private SubscriptionTransfer() {}

    /** Every subscription of the store as JSON. */
    public static String export(SubscriptionStore store, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("exportedAt", now.toString());
        ArrayNode list = root.putArray("subscriptions");
        for (Subscription s : store.all()) {
            ObjectNode o = list.addObject();
            o.put("platform", word(s.chat().platform()));
            o.put("chatId", s.chat().id());
            o.put("chatType", word(s.chat().type()));
            o.put("time", s.slot().timeText());
            o.put("zone", s.slot().zone().getId());
            o.put("mode", s.mode().word());
            o.put("days", s.days().word());
            o.put("postFormat", s.format().word());
            o.put("language", s.language());
            o.put("cursor", s.cursor());
            o.put("status", word(s.status()));
        }
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
                        next = entry(node == null ? NullNode.getInstance() : node, at(), seen);
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
            if (version != 1 && version != VERSION) {
                throw new InvalidFileException(
                        "version " + header.path("version") + " is not supported; this bot reads 1 and " + VERSION);
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

    private static final Pattern HH_MM = Pattern.compile("\\d{2}:\\d{2}");

    /** One entry, checked; {@code at} names it in the messages; {@code seen} (if any) takes its key. */
    private static Restored entry(JsonNode o, String at, ScheduleKeys seen) {
        Platform platform = enumOf(Platform.class, text(o, at, "platform"), at + ".platform");
        ChatType type = enumOf(ChatType.class, text(o, at, "chatType"), at + ".chatType");
        String chatId = text(o, at, "chatId");
        if (chatId.isBlank() || chatId.length() > 64) {
            throw new InvalidFileException(at + ".chatId: must be 1-64 characters");
        }
        String time = text(o, at, "time");
        LocalTime localTime;
        try {
            if (!HH_MM.matcher(time).matches()) throw new DateTimeParseException("", time, 0);
            localTime = LocalTime.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidFileException(at + ".time: '" + time + "' is not HH:MM between 00:00 and 23:59");
        }
        if (seen != null && !seen.add(platform, chatId, localTime)) {
            throw new InvalidFileException(
                    at + ": chat " + chatId + " on " + word(platform) + " has two schedules at " + time);
        }
        String zone = text(o, at, "zone");
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidFileException(
                    at + ".zone: '" + zone + "' is not an IANA time zone such as" + " Asia/Shanghai");
        }
        String modeWord = text(o, at, "mode");
        Mode mode = Mode.parse(modeWord)
                .orElseThrow(
                        () -> new InvalidFileException(at + ".mode: '" + modeWord + "' must be daily or sequential"));
        String daysWord = optionalText(o, at, "days").orElse(Days.EVERY_DAY.word());
        Days days = Days.parse(daysWord)
                .orElseThrow(() -> new InvalidFileException(at + ".days: '" + daysWord
                        + "' must be everyday, weekdays, weekends or days such as mon,wed,fri"));
        String formatWord = optionalText(o, at, "postFormat").orElse(Format.TEXT.word());
        Format format = Format.parse(formatWord)
                .orElseThrow(
                        () -> new InvalidFileException(at + ".postFormat: '" + formatWord + "' must be text or card"));
        String language = text(o, at, "language");
        if (!Messages.SUBSCRIPTION_LANGUAGES.contains(language)) {
            throw new InvalidFileException(at + ".language: '" + language + "' must be zh, zh-TW or en");
        }
        JsonNode cursor = o.path("cursor");
        if (!cursor.canConvertToLong() || !cursor.isIntegralNumber() || cursor.asLong() < 0) {
            throw new InvalidFileException(at + ".cursor: must be a whole number, 0 or more");
        }
        SubscriptionStatus status = enumOf(SubscriptionStatus.class, text(o, at, "status"), at + ".status");
        return new Restored(
                new ChatRef(platform, chatId, type),
                new Schedule(new Slot(localTime, zoneId), mode, days, format),
                language,
                cursor.asLong(),
                status);
    }

    private static java.util.Optional<String> optionalText(JsonNode o, String at, String field) {
        return o.has(field) && !o.get(field).isNull()
                ? java.util.Optional.of(text(o, at, field))
                : java.util.Optional.empty();
    }

    private static String text(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) throw new InvalidFileException(at + "." + field + ": missing");
        return v.asText();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String at) {
        for (E e : type.getEnumConstants()) {
            if (word(e).equals(value.toLowerCase(Locale.ROOT))) return e;
        }
        List<String> accepted = new ArrayList<>();
        for (E e : type.getEnumConstants()) accepted.add(word(e));
        throw new InvalidFileException(at + ": '" + value + "' must be one of " + String.join(", ", accepted));
    }

    private static String word(Enum<?> e) {
        return Objects.requireNonNull(e).name().toLowerCase(Locale.ROOT);
    }
}
