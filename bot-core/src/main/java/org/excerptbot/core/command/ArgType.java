package org.excerptbot.core.command;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an argument accepts. The dispatcher reads each argument by its type before the handler runs, so a handler
 * sees only values that fit.
 */
public sealed interface ArgType
        permits ArgType.Whole, ArgType.Text, ArgType.Choice, ArgType.Time, ArgType.Zone, ArgType.DaysOfWeek {

    /** True when a word has this type's form, whether or not its value is acceptable (for any-order arguments). */
    boolean claims(String word);

    /** The largest value a whole-number argument accepts, given the arguments before it. */
    @FunctionalInterface
    interface Limit {
        int max(Arguments earlier);
    }

    /**
     * A whole number from {@code min} to {@code max}, typed in ASCII or full-width digits or as a Chinese numeral
     * 一 to 十.
     *
     * @param limit a tighter maximum that depends on earlier arguments (a document's paragraph count), at most
     *     {@code max}
     * @param joinsNext whether the number may be typed together with the next argument, also a whole number, as
     *     {@code a.b} ({@code /read 1.11})
     */
    record Whole(int min, int max, Optional<Limit> limit, boolean joinsNext) implements ArgType {
        private static final String CHINESE = "一二三四五六七八九十";
        private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
        private static final Pattern JOINED = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");

        public Whole {
            if (min > max) throw new IllegalArgumentException("min: must be at most max " + max + ", was " + min);
            Objects.requireNonNull(limit, "limit");
        }

        public Whole(int min, int max) {
            this(min, max, Optional.empty(), false);
        }

        /** The same bounds, with a maximum that depends on earlier arguments. */
        public Whole atMost(Limit limit) {
            return new Whole(min, max, Optional.of(limit), joinsNext);
        }

        /** The same, also accepting this number and the next argument's typed as one word {@code a.b}. */
        public Whole joinedWithNext() {
            return new Whole(min, max, limit, true);
        }

        /** The largest value accepted after the given earlier arguments. */
        public int maxAfter(Arguments earlier) {
            return limit.map(l -> Math.min(max, l.max(earlier))).orElse(max);
        }

        /** The number a word spells, or empty when it spells none. Nine digits at most, so it never overflows. */
        public static Optional<Integer> parse(String word) {
            String s = Normalizer.normalize(word.strip(), Normalizer.Form.NFKC);
            if (DIGITS.matcher(s).matches()) return Optional.of(Integer.parseInt(s));
            if (s.length() == 1 && CHINESE.indexOf(s.charAt(0)) >= 0)
                return Optional.of(CHINESE.indexOf(s.charAt(0)) + 1);
            return Optional.empty();
        }

        /** The two numbers of a word {@code a.b} (ASCII or full-width), or empty when it is not one. */
        public static Optional<List<String>> split(String word) {
            Matcher m = JOINED.matcher(Normalizer.normalize(word.strip(), Normalizer.Form.NFKC));
            return m.matches() ? Optional.of(List.of(m.group(1), m.group(2))) : Optional.empty();
        }

        @Override
        public boolean claims(String word) {
            return parse(word).isPresent();
        }
    }

    /** Free text: the rest of the line, from {@code minChars} to {@code maxChars} characters (code points). */
    record Text(int minChars, int maxChars) implements ArgType {
        public Text {
            if (minChars < 1) throw new IllegalArgumentException("minChars: must be at least 1, was " + minChars);
            if (maxChars < minChars) {
                throw new IllegalArgumentException(
                        "maxChars: must be at least minChars " + minChars + ", was " + maxChars);
            }
        }

        @Override
        public boolean claims(String word) {
            return false;
        }
    }

    /** One of a few words, typed in any letter case; the value is the word as listed. */
    record Choice(List<String> values) implements ArgType {
        private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9_-]*");

        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("values: must not be empty");
            for (String v : values) {
                if (!WORD.matcher(v).matches()) {
                    throw new IllegalArgumentException("values: lower-case words only, was '" + v + "'");
                }
            }
            if (new HashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException("values: must be distinct, were " + values);
            }
        }

        /** The listed word a typed word names, ignoring case. */
        public Optional<String> parse(String word) {
            return values.stream().filter(v -> v.equalsIgnoreCase(word)).findFirst();
        }

        @Override
        public boolean claims(String word) {
            return parse(word).isPresent();
        }
    }

    /**
     * A time of day on the 24-hour clock, {@code H:MM} or {@code HH:MM} with an ASCII or full-width colon (Chinese
     * keyboards type the latter). Strict: {@code 24:00}, {@code 8:60} and {@code 25:30} are not times.
     */
    record Time() implements ArgType {
        private static final Pattern TIME = Pattern.compile("([0-9０-９]{1,2})[:：]([0-9０-９]{2})");
        /** Anything that looks like an attempt at a time: digits with colons or dots, or bare digits. */
        private static final Pattern TIME_LIKE = Pattern.compile("[0-9０-９]+([:：.．][0-9０-９]*)*");

        /** A strict HH:MM time (00:00 to 23:59); empty for anything else. */
        public static Optional<LocalTime> parse(String word) {
            Matcher m = TIME.matcher(word);
            if (!m.matches()) return Optional.empty();
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            if (h > 23 || min > 59) return Optional.empty();
            return Optional.of(LocalTime.of(h, min));
        }

        @Override
        public boolean claims(String word) {
            return TIME_LIKE.matcher(word).matches();
        }
    }

    /**
     * A time zone the JDK knows, named Area/City in any letter case, or {@code UTC}; the value is its canonical
     * spelling.
     */
    record Zone() implements ArgType {
        private static final Map<String, String> ZONES_BY_LOWER_CASE = zonesByLowerCase();

        /** A known Area/City zone (or UTC), in its canonical spelling; empty for anything else. */
        public static Optional<ZoneId> parse(String word) {
            String id = ZONES_BY_LOWER_CASE.get(word.toLowerCase(Locale.ROOT));
            return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
        }

        @Override
        public boolean claims(String word) {
            return word.contains("/") || word.equalsIgnoreCase("UTC");
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
    }

    /**
     * Days of the week: {@code everyday}, {@code weekdays}, {@code weekends}, or a comma-separated list of day
     * names ({@code mon,wed,fri}; three letters or in full, any letter case), also {@code 每天}, {@code 工作日} and
     * {@code 周末}. The value is an unmodifiable, non-empty {@code Set<DayOfWeek>}.
     */
    record DaysOfWeek() implements ArgType {
        private static final Set<DayOfWeek> ALL = Collections.unmodifiableSet(EnumSet.allOf(DayOfWeek.class));
        private static final Set<DayOfWeek> WEEKDAYS =
                Collections.unmodifiableSet(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        private static final Set<DayOfWeek> WEEKENDS =
                Collections.unmodifiableSet(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        private static final Map<String, Set<DayOfWeek>> WORDS = Map.of(
                "everyday",
                ALL,
                "每天",
                ALL,
                "weekdays",
                WEEKDAYS,
                "工作日",
                WEEKDAYS,
                "weekends",
                WEEKENDS,
                "周末",
                WEEKENDS);
        private static final Pattern DAY_LIKE = Pattern.compile("(mon|tue|wed|thu|fri|sat|sun)[a-z]*");

        /** The days a word names; empty when it names none (an unknown or repeated day, an empty list item). */
        public static Optional<Set<DayOfWeek>> parse(String word) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            Set<DayOfWeek> named = WORDS.get(w);
            if (named != null) return Optional.of(named);
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String part : w.split("[,，、]", -1)) {
                Optional<DayOfWeek> day = day(part);
                if (day.isEmpty() || !days.add(day.get())) return Optional.empty();
            }
            return Optional.of(Collections.unmodifiableSet(days));
        }

        private static Optional<DayOfWeek> day(String part) {
            for (DayOfWeek d : DayOfWeek.values()) {
                String full = d.name().toLowerCase(Locale.ROOT);
                if (part.equals(full) || part.equals(full.substring(0, 3))) return Optional.of(d);
            }
            return Optional.empty();
        }

        @Override
        public boolean claims(String word) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (WORDS.containsKey(w) || w.contains(",") || w.contains("，") || w.contains("、")) return true;
            return DAY_LIKE.matcher(w).matches();
        }
    }
}
