package org.excerptbot.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.excerptbot.app.ops.SubscriptionTransfer.InvalidFileException;
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
import org.excerptbot.core.subscription.SubscriptionStore.Restored;

/**
 * One entry of a subscriptions export, to and from JSON (the format is in {@link SubscriptionTransfer}), and the
 * checks of its fields, each mistake named by the entry and the field.
 */
final class SubscriptionEntries {
    private static final Pattern HH_MM = Pattern.compile("\\d{2}:\\d{2}");
    private static final int MAX_ID = 64;

    private SubscriptionEntries() {}

    /** Writes the subscription's fields into {@code o}; {@code thread} only for a schedule made in a topic. */
    static void write(Subscription s, ObjectNode o) {
        o.put("platform", word(s.chat().platform()));
        o.put("chatId", s.chat().id());
        o.put("chatType", word(s.chat().type()));
        s.chat().thread().ifPresent(thread -> o.put("thread", thread));
        o.put("time", s.slot().timeText());
        o.put("zone", s.slot().zone().getId());
        o.put("mode", s.mode().word());
        o.put("days", s.days().word());
        o.put("postFormat", s.format().word());
        o.put("language", s.language());
        o.put("cursor", s.cursor());
        o.put("status", word(s.status()));
    }

    /** One entry, checked; {@code at} names it in the messages; {@code seen} (if any) takes its key. */
    static Restored read(JsonNode o, String at, ScheduleKeys seen) {
        Platform platform = enumOf(Platform.class, text(o, at, "platform"), at + ".platform");
        ChatType type = enumOf(ChatType.class, text(o, at, "chatType"), at + ".chatType");
        String chatId = text(o, at, "chatId");
        if (chatId.isBlank() || chatId.length() > MAX_ID) {
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
        // absent in files before version 3 and for the chat's main conversation
        Optional<String> thread = optionalText(o, at, "thread");
        if (thread.isPresent() && (thread.get().isBlank() || thread.get().length() > MAX_ID)) {
            throw new InvalidFileException(at + ".thread: must be 1-" + MAX_ID + " characters");
        }
        return new Restored(
                new ChatRef(platform, chatId, type, thread),
                new Schedule(new Slot(localTime, zoneId), mode, days, format),
                language,
                cursor.asLong(),
                status);
    }

    static Optional<String> optionalText(JsonNode o, String at, String field) {
        return o.has(field) && !o.get(field).isNull() ? Optional.of(text(o, at, field)) : Optional.empty();
    }

    static String text(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) throw new InvalidFileException(at + "." + field + ": missing");
        return v.asText();
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String at) {
        for (E e : type.getEnumConstants()) {
            if (word(e).equals(value.toLowerCase(Locale.ROOT))) return e;
        }
        List<String> accepted = new ArrayList<>();
        for (E e : type.getEnumConstants()) accepted.add(word(e));
        throw new InvalidFileException(at + ": '" + value + "' must be one of " + String.join(", ", accepted));
    }

    static String word(Enum<?> e) {
        return Objects.requireNonNull(e).name().toLowerCase(Locale.ROOT);
    }
}
