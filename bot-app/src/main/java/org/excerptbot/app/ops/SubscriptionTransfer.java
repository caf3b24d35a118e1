package org.excerptbot.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
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
 * may be left out, and are absent from version 1 files: every day, text. Import checks the whole file before it
 * writes anything, then makes each schedule exactly as in the file; importing the same file again changes
 * nothing.
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

    /** Reads and checks a whole file, then writes it into the store. */
    public static ImportResult importJson(String json, SubscriptionStore store, Instant now) {
        return importEntries(parse(json), store, now);
    }

    /** Writes checked entries (from {@link #parse}) into the store, in batches. */
    public static ImportResult importEntries(List<Restored> entries, SubscriptionStore store, Instant now) {
        int changed = store.restoreAll(entries, now);
        return new ImportResult(changed, entries.size() - changed);
    }

    /** Reads and checks a whole file; the entries in file order. */
    public static List<Restored> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidFileException(
                    "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null
                || !root.isObject()
                || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidFileException("not a subscriptions export: \"format\" must be \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt();
        if (version != 1 && version != VERSION) {
            throw new InvalidFileException(
                    "version " + root.path("version") + " is not supported; this bot reads 1 and " + VERSION);
        }
        JsonNode list = root.path("subscriptions");
        if (!list.isArray()) throw new InvalidFileException("\"subscriptions\" must be an array");
        List<Restored> out = new ArrayList<>(list.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "subscriptions[" + i + "]";
            Platform platform = enumOf(Platform.class, text(o, at, "platform"), at + ".platform");
            ChatType type = enumOf(ChatType.class, text(o, at, "chatType"), at + ".chatType");
            String chatId = text(o, at, "chatId");
            if (chatId.isBlank() || chatId.length() > 64) {
                throw new InvalidFileException(at + ".chatId: must be 1-64 characters");
            }
            String time = text(o, at, "time");
            LocalTime localTime;
            try {
                if (!time.matches("\\d{2}:\\d{2}")) throw new DateTimeParseException("", time, 0);
                localTime = LocalTime.parse(time);
            } catch (DateTimeParseException e) {
                throw new InvalidFileException(at + ".time: '" + time + "' is not HH:MM between 00:00 and 23:59");
            }
            if (!seen.add(platform + " " + chatId + " " + time)) {
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
                    .orElseThrow(() ->
                            new InvalidFileException(at + ".mode: '" + modeWord + "' must be daily or sequential"));
            String daysWord = optionalText(o, at, "days").orElse(Days.EVERY_DAY.word());
            Days days = Days.parse(daysWord)
                    .orElseThrow(() -> new InvalidFileException(at + ".days: '" + daysWord
                            + "' must be everyday, weekdays, weekends or days such as mon,wed,fri"));
            String formatWord = optionalText(o, at, "postFormat").orElse(Format.TEXT.word());
            Format format = Format.parse(formatWord)
                    .orElseThrow(() ->
                            new InvalidFileException(at + ".postFormat: '" + formatWord + "' must be text or card"));
            String language = text(o, at, "language");
            if (!language.equals("zh") && !language.equals("en")) {
                throw new InvalidFileException(at + ".language: '" + language + "' must be zh or en");
            }
            JsonNode cursor = o.path("cursor");
            if (!cursor.canConvertToLong() || !cursor.isIntegralNumber() || cursor.asLong() < 0) {
                throw new InvalidFileException(at + ".cursor: must be a whole number, 0 or more");
            }
            SubscriptionStatus status = enumOf(SubscriptionStatus.class, text(o, at, "status"), at + ".status");
            out.add(new Restored(
                    new ChatRef(platform, chatId, type),
                    new Schedule(new Slot(localTime, zoneId), mode, days, format),
                    language,
                    cursor.asLong(),
                    status));
        }
        return out;
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
