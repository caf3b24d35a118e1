package org.excerptbot.core.subscription;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code /subscribe [HH:MM] [Area/City] [daily|sequential]}, in any order, each optional.
 * Validation is strict: {@code 24:00}, {@code 8:60} and {@code 25:30} are not times, and only zone names the
 * JDK knows in the form Area/City (any letter case) or {@code UTC} are zones.
 */
public record SubscribeArguments(Optional<LocalTime> time, Optional<ZoneId> zone, Optional<Mode> mode) {
    /** H:MM or HH:MM, with an ASCII or a full-width colon (Chinese keyboards type the latter). */
    private static final Pattern TIME = Pattern.compile("([0-9０-９]{1,2})[:：]([0-9０-９]{2})");
    /** Anything that looks like a time attempt: digits with a colon or a dot, or bare digits. */
    private static final Pattern TIME_LIKE = Pattern.compile("[0-9０-９]+([:：.．][0-9０-９]*)*");

    private static final Map<String, String> ZONES_BY_LOWER_CASE = zonesByLowerCase();

    /** Why the arguments were refused: a message key and the offending word. */
    public record Problem(String key, String word) {}

    /** The arguments, or the first problem found. */
    public sealed interface Parsed {}

    /** Valid arguments. */
    public record Valid(SubscribeArguments arguments) implements Parsed {}

    /** Refused arguments. */
    public record Invalid(Problem problem) implements Parsed {}

    public static Parsed parse(List<String> words) {
        LocalTime time = null;
        ZoneId zone = null;
        Mode mode = null;
        for (String word : words) {
            Optional<Mode> m = Mode.parse(word);
            if (m.isPresent()) {
                if (mode != null) return invalid("subscribe.error.twice", word);
                mode = m.get();
            } else if (TIME_LIKE.matcher(word).matches()) {
                Optional<LocalTime> t = parseTime(word);
                if (t.isEmpty()) return invalid("subscribe.error.time", word);
                if (time != null) return invalid("subscribe.error.twice", word);
                time = t.get();
            } else if (word.contains("/") || word.equalsIgnoreCase("UTC")) {
                Optional<ZoneId> z = parseZone(word);
                if (z.isEmpty()) return invalid("subscribe.error.zone", word);
                if (zone != null) return invalid("subscribe.error.twice", word);
                zone = z.get();
            } else {
                return invalid("subscribe.error.argument", word);
            }
        }
        return new Valid(new SubscribeArguments(
                Optional.ofNullable(time), Optional.ofNullable(zone), Optional.ofNullable(mode)));
    }

    /** A strict HH:MM time (00:00 to 23:59); empty for anything else. */
    public static Optional<LocalTime> parseTime(String word) {
        Matcher m = TIME.matcher(word);
        if (!m.matches()) return Optional.empty();
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h > 23 || min > 59) return Optional.empty();
        return Optional.of(LocalTime.of(h, min));
    }

    /** A known Area/City zone (or UTC), in its canonical spelling; empty for anything else. */
    public static Optional<ZoneId> parseZone(String word) {
        String id = ZONES_BY_LOWER_CASE.get(word.toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
    }

    private static Map<String, String> zonesByLowerCase() {
        Map<String, String> map = new TreeMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            boolean areaCity = id.indexOf('/') > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/");
            if (areaCity) map.put(id.toLowerCase(Locale.ROOT), id);
        }
        map.put("utc", "UTC");
        return Map.copyOf(map);
    }

    private static Parsed invalid(String key, String word) {
        return new Invalid(new Problem(key, word));
    }
}
