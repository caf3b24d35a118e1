package org.excerptbot.core.i18n;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interface strings of one language. Placeholders are numbered, {@code {0}}, {@code {1}}, ..., filled by
 * {@link #get}, or named, {@code {value}}, {@code {max}}, filled by {@link #format}; no other syntax.
 */
public final class Texts {
    private static final Pattern NAMED = Pattern.compile("\\{([a-z][a-zA-Z0-9_]*)}");

    private final Locale locale;
    private final ResourceBundle bundle;

    Texts(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    public Locale locale() {
        return locale;
    }

    public boolean english() {
        return "en".equals(locale.getLanguage());
    }

    /** The message for a key with its placeholders filled; the key itself when the bundle lacks it. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args.length == 0) return pattern;
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1
                    && close - i <= 3
                    && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(index < args.length ? String.valueOf(args[index]) : pattern.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The message for a key with its named placeholders filled from {@code values}; a placeholder without a value
     * stays as written, and the key itself stands in when the bundle lacks it.
     */
    public String format(String key, Map<String, ?> values) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        Matcher m = NAMED.matcher(pattern);
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        while (m.find()) {
            Object value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The named placeholders the key's message uses; empty when the bundle lacks it. */
    public Set<String> placeholders(String key) {
        Set<String> names = new TreeSet<>();
        if (!bundle.containsKey(key)) return names;
        Matcher m = NAMED.matcher(bundle.getString(key));
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** True when the bundle has the key (English may borrow a key from the Chinese bundle). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** True when this language's own file has the key, without borrowing it from the Chinese default. */
    public boolean hasOwn(String key) {
        if (bundle instanceof PropertyResourceBundle own) return own.handleGetObject(key) != null;
        return bundle.containsKey(key);
    }

    /** The keys of this language's own file. */
    public Set<String> ownKeys() {
        Set<String> keys = new TreeSet<>();
        for (String key : bundle.keySet()) {
            if (hasOwn(key)) keys.add(key);
        }
        return keys;
    }
}
