package org.excerptbot.core.script;

import java.util.Locale;
import java.util.Optional;

/** How a chat reads the Chinese texts: as written (simplified) or converted to traditional characters. */
public enum Script {
    SIMPLIFIED,
    /** Traditional characters, converted by OpenCC's Hong Kong variant (see {@link ScriptConverter}). */
    TRADITIONAL;

    /** The word users type: {@code simplified} or {@code traditional}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The script a typed word names, ignoring case; empty when it names none. */
    public static Optional<Script> parse(String word) {
        for (Script s : values()) {
            if (s.word().equalsIgnoreCase(word)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
