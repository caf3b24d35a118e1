package org.excerptbot.app.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The validated configuration. Immutable; built only by {@link ConfigLoader}, so an instance is always valid. */
public final class AppConfig {
    private final Map<Setting, String> values;
    private final Map<Setting, String> origins;

    AppConfig(Map<Setting, String> values, Map<Setting, String> origins) {
        this.values = new EnumMap<>(values);
        this.origins = new EnumMap<>(origins);
    }

    /** The raw value, default included. */
    public String get(Setting setting) {
        return values.get(setting);
    }

    /** Where the value came from: a flag, the environment, the file, or the default. */
    public String origin(Setting setting) {
        return origins.get(setting);
    }

    public Optional<String> optional(Setting setting) {
        String v = values.get(setting);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public ZoneId zone() {
        return ZoneId.of(get(Setting.TIMEZONE));
    }

    public long seed() {
        return Long.parseLong(get(Setting.SEED));
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR));
    }

    /** How often this instance checks in with the others on the same database. */
    public Duration clusterCheckin() {
        return Duration.ofMillis(
                new BigDecimal(get(Setting.CLUSTER_CHECKIN)).movePointRight(3).longValue());
    }

    public Optional<String> telegramToken() {
        return optional(Setting.TELEGRAM_TOKEN);
    }

    public Optional<String> discordToken() {
        return optional(Setting.DISCORD_TOKEN);
    }

    /** The settings with their values, secrets masked, for `doctor` and logs. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Setting s : Setting.values()) {
            String v = get(s);
            String shown = v.isEmpty() ? "(empty)" : s.secret() ? "(set, hidden)" : v;
            out.append(String.format("  %-26s %-40s [%s]%n", s.env(), shown, origin(s)));
        }
        return out.toString();
    }
}
