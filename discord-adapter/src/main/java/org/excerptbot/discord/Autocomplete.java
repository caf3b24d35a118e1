package org.excerptbot.discord;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.ArgType;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Suggestions;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.subscription.Days;

/**
 * Autocomplete answers: corpus phrases for {@code /search query} (from {@link SearchIndex#suggest}), IANA zones for
 * {@code /subscribe timezone}, days of the week for {@code /subscribe days}, and whatever a command's spec suggests
 * for the chat ({@link Suggestions}: the times of its schedules for {@code /unsubscribe time}); at most 25 each,
 * names and values within Discord's 100 characters. Offered values are only offers: what is sent is checked by the
 * core's argument types like anything typed.
 */
public final class Autocomplete {
    static final int MAX_CHOICES = 25;
    private static final int MAX_LENGTH = 100;

    /** Zones most users of a Chinese text want, offered first and when nothing has been typed. */
    private static final List<String> POPULAR = List.of(
            "Asia/Shanghai",
            "Asia/Hong_Kong",
            "Asia/Taipei",
            "Asia/Macau",
            "Asia/Singapore",
            "Asia/Kuala_Lumpur",
            "Asia/Tokyo",
            "Asia/Seoul",
            "Europe/London",
            "Europe/Paris",
            "Europe/Berlin",
            "Europe/Moscow",
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Vancouver",
            "America/Toronto",
            "Australia/Sydney",
            "Australia/Melbourne",
            "Pacific/Auckland",
            "UTC");

    /** Day sets offered before and while typing: every day, weekdays, weekends and a few common lists. */
    static final List<String> COMMON_DAYS =
            List.of("everyday", "weekdays", "weekends", "mon,wed,fri", "tue,thu", "sat", "sun", "mon,thu");

    /** Chinese names of cities people type instead of the zone id. */
    private static final Map<String, String> CHINESE_NAMES = chineseNames();

    private final SearchIndex search;
    private final Clock clock;
    private final List<String> zones;

    public Autocomplete(SearchIndex search, Clock clock) {
        this.search = search;
        this.clock = clock;
        Set<String> all = new LinkedHashSet<>(POPULAR);
        ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
                .sorted()
                .forEach(all::add);
        this.zones = List.copyOf(all);
    }

    /** Phrases of the corpus that match what has been typed. */
    public List<Command.Choice> searchPhrases(String typed) {
        List<Command.Choice> out = new ArrayList<>();
        for (String phrase : search.suggest(typed == null ? "" : typed.strip(), MAX_CHOICES)) {
            if (phrase.isBlank() || phrase.length() > MAX_LENGTH) continue;
            out.add(new Command.Choice(phrase, phrase));
            if (out.size() == MAX_CHOICES) break;
        }
        return out;
    }

    /** IANA zones that match what has been typed (prefix of the zone or its city first), with their offset now. */
    public List<Command.Choice> timeZones(String typed) {
        String q = typed == null ? "" : typed.strip();
        List<String> matches = new ArrayList<>();
        CHINESE_NAMES.forEach((chinese, zone) -> {
            if (!q.isEmpty() && (chinese.contains(q) || q.contains(chinese))) matches.add(zone);
        });
        String needle = q.toLowerCase(Locale.ROOT).replace(' ', '_');
        List<String> found = new ArrayList<>();
        for (String zone : zones) {
            if (zone.toLowerCase(Locale.ROOT).contains(needle)) found.add(zone);
        }
        found.sort(Comparator.comparingInt((String z) -> rank(z, needle)));
        for (String zone : found) if (!matches.contains(zone)) matches.add(zone);
        List<Command.Choice> out = new ArrayList<>();
        for (String zone : matches) {
            if (out.size() == MAX_CHOICES) break;
            out.add(new Command.Choice(zone + " (UTC" + offset(zone) + ")", zone));
        }
        return out;
    }

    /**
     * Days of the week for what has been typed: the typed days themselves first when the core reads them as days
     * ({@code mon, wed} as {@code mon,wed}), then the common sets it begins, each named in the reader's language.
     */
    public List<Command.Choice> days(String typed, Texts texts) {
        String q = typed == null ? "" : typed.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        Set<String> values = new LinkedHashSet<>();
        if (!q.isEmpty()) Days.parse(q).ifPresent(d -> values.add(d.word()));
        for (String common : COMMON_DAYS) if (common.startsWith(q)) values.add(common);
        List<Command.Choice> out = new ArrayList<>();
        for (String value : values) {
            if (out.size() == MAX_CHOICES) break;
            String name = Days.parse(value).orElseThrow().describe(texts);
            out.add(new Command.Choice(cut(name.equals(value) ? name : name + " (" + value + ")"), value));
        }
        return out;
    }

    /**
     * What a command suggests for the core arguments an option stands for, in this chat, that begin with what has
     * been typed: the spec's {@link Suggestions}, then the words of those arguments that are choices ({@code all}).
     */
    public List<Command.Choice> suggested(CommandSpec spec, List<String> arguments, ChatRef chat, String typed) {
        String q = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        Set<String> values = new LinkedHashSet<>();
        for (String argument : arguments) values.addAll(spec.suggestions().values(argument, chat));
        for (ArgSpec arg : spec.arguments()) {
            if (arguments.contains(arg.name()) && arg.type() instanceof ArgType.Choice choice) {
                values.addAll(choice.values());
            }
        }
        List<Command.Choice> out = new ArrayList<>();
        for (String value : values) {
            if (out.size() == MAX_CHOICES) break;
            if (value.isBlank() || value.length() > MAX_LENGTH) continue;
            if (value.toLowerCase(Locale.ROOT).startsWith(q)) out.add(new Command.Choice(value, value));
        }
        return out;
    }

    private static String cut(String name) {
        return EmbedRenderer.cut(name, MAX_LENGTH);
    }

    private static int rank(String zone, String needle) {
        String lower = zone.toLowerCase(Locale.ROOT);
        String city = lower.substring(lower.lastIndexOf('/') + 1);
        if (needle.isEmpty()) return 0;
        if (city.startsWith(needle)) return 0;
        if (lower.startsWith(needle)) return 1;
        return 2;
    }

    private String offset(String zone) {
        ZoneOffset offset = ZoneId.of(zone).getRules().getOffset(clock.instant());
        return offset.getTotalSeconds() == 0 ? "" : offset.getId();
    }

    private static Map<String, String> chineseNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("北京", "Asia/Shanghai");
        m.put("上海", "Asia/Shanghai");
        m.put("中国", "Asia/Shanghai");
        m.put("乌鲁木齐", "Asia/Urumqi");
        m.put("香港", "Asia/Hong_Kong");
        m.put("澳门", "Asia/Macau");
        m.put("台北", "Asia/Taipei");
        m.put("新加坡", "Asia/Singapore");
        m.put("吉隆坡", "Asia/Kuala_Lumpur");
        m.put("东京", "Asia/Tokyo");
        m.put("首尔", "Asia/Seoul");
        m.put("伦敦", "Europe/London");
        m.put("巴黎", "Europe/Paris");
        m.put("柏林", "Europe/Berlin");
        m.put("莫斯科", "Europe/Moscow");
        m.put("纽约", "America/New_York");
        m.put("芝加哥", "America/Chicago");
        m.put("洛杉矶", "America/Los_Angeles");
        m.put("温哥华", "America/Vancouver");
        m.put("多伦多", "America/Toronto");
        m.put("悉尼", "Australia/Sydney");
        m.put("墨尔本", "Australia/Melbourne");
        m.put("奥克兰", "Pacific/Auckland");
        return java.util.Collections.unmodifiableMap(m);
    }
}
