package org.excerptbot.core.card;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.script.Script;

/**
 * The name of a passage's first card in a theme, language and script, as it appears in a URL: {@code 1.11-light}
 * (the paragraph 1.11, light, cited in Chinese), {@code 1.11.2-3-dark-en} (the excerpt of sentences 2-3 of
 * paragraph 1.11, dark, cited in English), {@code 1.11-light-hant} (in traditional characters). Only this form is
 * accepted, so a key is safe to put in a path as it is.
 *
 * @param passage a paragraph's position ({@code 1.11}) or an excerpt's id ({@code 1.11.2}, {@code 1.11.2-3})
 * @param english the citation in English; otherwise in Chinese
 * @param script the characters the card is drawn in
 */
public record CardKey(String passage, Theme theme, boolean english, Script script) {
    /** Where cards are served on the bot's HTTP server: {@code /cards/{key}.png} and its other renditions. */
    public static final String PATH = "/cards/";

    /**
     * The files a card is served as: the PNG that {@code /card} sends, and the JPEG photo and thumbnail that
     * Telegram's inline photo results need (their URLs must name JPEG files).
     */
    public enum Rendition {
        PNG(".png", "image/png"),
        JPEG(".jpg", "image/jpeg"),
        THUMBNAIL(".thumb.jpg", "image/jpeg");

        private final String suffix;
        private final String contentType;

        Rendition(String suffix, String contentType) {
            this.suffix = suffix;
            this.contentType = contentType;
        }

        public String suffix() {
            return suffix;
        }

        public String contentType() {
            return contentType;
        }
    }

    private static final String PASSAGE = "\\d{1,3}\\.\\d{1,4}(?:\\.\\d{1,4}(?:-\\d{1,4})?)?";
    private static final Pattern PASSAGE_FORM = Pattern.compile(PASSAGE);
    private static final String TRADITIONAL = "-hant";
    private static final Pattern KEY = Pattern.compile("(" + PASSAGE + ")-(light|dark)(-en)?(" + TRADITIONAL + ")?");

    public CardKey {
        Objects.requireNonNull(passage, "passage");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(script, "script");
        if (!PASSAGE_FORM.matcher(passage).matches()) {
            throw new IllegalArgumentException("passage: must be a position such as 1.11 or 1.11.2-3, was " + passage);
        }
    }

    /** The key of a card in simplified characters. */
    public CardKey(String passage, Theme theme, boolean english) {
        this(passage, theme, english, Script.SIMPLIFIED);
    }

    /** The key of a passage's card for a reader: English citations for English readers, Chinese for the rest. */
    public static CardKey of(String passage, Theme theme, Locale reader) {
        return of(passage, theme, reader, Script.SIMPLIFIED);
    }

    /** The key of a passage's card for a reader who reads in {@code script}. */
    public static CardKey of(String passage, Theme theme, Locale reader, Script script) {
        return new CardKey(passage, theme, reader.getLanguage().equals("en"), script);
    }

    /** The key in a file name ({@code 1.11-light}), or empty when it is not in exactly that form. */
    public static Optional<CardKey> parse(String value) {
        Matcher m = KEY.matcher(value == null ? "" : value);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new CardKey(
                m.group(1),
                Theme.valueOf(m.group(2).toUpperCase(Locale.ROOT)),
                m.group(3) != null,
                m.group(4) != null ? Script.TRADITIONAL : Script.SIMPLIFIED));
    }

    /** The citation's language. */
    public Locale locale() {
        return english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    /** {@code 1.11-light}, {@code 1.11-dark-en}, {@code 1.11-light-hant}. */
    public String value() {
        return passage + "-" + theme.name().toLowerCase(Locale.ROOT) + (english ? "-en" : "")
                + (script == Script.TRADITIONAL ? TRADITIONAL : "");
    }

    /** The card's path on the bot's HTTP server: {@code /cards/1.11-light.png}. */
    public String path() {
        return path(Rendition.PNG);
    }

    /** The path of one rendition of the card: {@code /cards/1.11-light.thumb.jpg}. */
    public String path(Rendition rendition) {
        return PATH + value() + rendition.suffix();
    }

    @Override
    public String toString() {
        return value();
    }
}
