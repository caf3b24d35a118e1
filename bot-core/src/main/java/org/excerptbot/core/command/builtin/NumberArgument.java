package org.excerptbot.core.command.builtin;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Reads a small whole number as users type it: ASCII or full-width digits, or a Chinese numeral 一 to 十.
 */
final class NumberArgument {
    private static final String CHINESE = "一二三四五六七八九十";

    private NumberArgument() {}

    /** The number, or empty when the text is not one. Values are capped to avoid overflow. */
    static Optional<Integer> parse(String text) {
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFKC);
        if (s.matches("\\d{1,9}")) return Optional.of(Integer.parseInt(s));
        if (s.length() == 1 && CHINESE.indexOf(s.charAt(0)) >= 0) return Optional.of(CHINESE.indexOf(s.charAt(0)) + 1);
        return Optional.empty();
    }
}
