package org.excerptbot.core.i18n;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The interface strings, from the resource bundle {@code org.excerptbot.core.i18n.messages}: Simplified Chinese by
 * default, English for users whose language is English.
 */
public final class Messages {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final String BUNDLE = "org.excerptbot.core.i18n.messages";

    private final Texts chinese;
    private final Texts english;

    private Messages(String baseName) {
        ResourceBundle.Control noFallback =
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        this.chinese = new Texts(CHINESE, ResourceBundle.getBundle(baseName, Locale.ROOT, noFallback));
        this.english = new Texts(ENGLISH, ResourceBundle.getBundle(baseName, ENGLISH, noFallback));
    }

    /** Loads both languages of the interface strings. */
    public static Messages load() {
        return new Messages(BUNDLE);
    }

    /**
     * Loads both languages of another bundle laid out the same way: {@code <baseName>.properties} in Chinese and
     * {@code <baseName>_en.properties} (for tests of what the interface strings must contain).
     */
    public static Messages load(String baseName) {
        return new Messages(java.util.Objects.requireNonNull(baseName, "baseName"));
    }

    /** The strings for a locale: English when its language is English, otherwise Simplified Chinese. */
    public Texts texts(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? english : chinese;
    }

    /** Every language, Chinese first. */
    public List<Texts> languages() {
        return List.of(chinese, english);
    }

    /**
     * The locale for a platform's language tag such as {@code en-US} (Telegram's {@code language_code},
     * Discord's {@code locale}): English for English; Traditional Chinese ({@code zh-TW}) for Chinese of Taiwan,
     * Hong Kong or Macau and for Hant, so that the chat's script can default to it; Simplified Chinese for anything
     * else, and for null.
     */
    public static Locale localeOf(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) return CHINESE;
        Locale locale = Locale.forLanguageTag(languageTag.replace('_', '-'));
        if ("en".equals(locale.getLanguage())) return ENGLISH;
        boolean traditional = "zh".equals(locale.getLanguage())
                && (Set.of("TW", "HK", "MO").contains(locale.getCountry()) || "Hant".equals(locale.getScript()));
        return traditional ? Locale.TRADITIONAL_CHINESE : CHINESE;
    }

    /** The languages a subscription records: {@code zh}, {@code zh-TW} and {@code en}. */
    public static final Set<String> SUBSCRIPTION_LANGUAGES = Set.of("zh", "zh-TW", "en");

    /**
     * The language a subscription records for a user of {@code locale}: {@code en} for English, {@code zh-TW} for
     * Chinese of Taiwan, Hong Kong or Macau and for Hant (whose posts default to traditional characters), else
     * {@code zh}.
     */
    public static String subscriptionLanguage(Locale locale) {
        Locale normal = localeOf(locale == null ? null : locale.toLanguageTag());
        if (normal.equals(ENGLISH)) return "en";
        return normal.equals(Locale.TRADITIONAL_CHINESE) ? "zh-TW" : "zh";
    }
}
