package org.excerptbot.app.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Every setting's raw value (the default included) and where it came from: a flag, the environment, the file. */
public final class Sources {
    private final Map<Setting, String> values;
    private final Map<Setting, String> origins;

    Sources(Map<Setting, String> values, Map<Setting, String> origins) {
        this.values = new EnumMap<>(values);
        this.origins = new EnumMap<>(origins);
        for (Setting s : Setting.values()) {
            Objects.requireNonNull(this.values.get(s), () -> "values: no value for " + s);
            Objects.requireNonNull(this.origins.get(s), () -> "origins: no origin for " + s);
        }
    }

    /** The raw value, default included; empty for an unset optional setting. */
    public String value(Setting setting) {
        return values.get(Objects.requireNonNull(setting, "setting"));
    }

    /** Where the value came from, such as {@code environment TELEGRAM_BOT_TOKEN} or {@code default}. */
    public String origin(Setting setting) {
        return origins.get(Objects.requireNonNull(setting, "setting"));
    }
}
