package org.excerptbot.core.corpus;

/**
 * Removes the extraction spaces between CJK text and digits or Latin letters ({@code 6.7 亿网民} becomes
 * {@code 6.7亿网民}, {@code 2015 年 12 月 17 日} becomes {@code 2015年12月17日}); everything else stays verbatim.
 */
public final class Normaliser {
    private Normaliser() {}

    /** Normalises one joined paragraph. */
    public static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ') {
                int end = i;
                while (end < text.length() && text.charAt(end) == ' ') end++;
                if (out.length() > 0 && end < text.length()) {
                    int before = out.codePointBefore(out.length());
                    int after = text.codePointAt(end);
                    if (isExtractionGap(before, after)) {
                        i = end;
                        continue;
                    }
                }
                out.append(text, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isExtractionGap(int before, int after) {
        return isCjk(before) && isDigitOrLatin(after) || isDigitOrLatin(before) && isCjk(after);
    }

    /** Han characters, CJK punctuation and full-width forms. */
    static boolean isCjk(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 0x3000 && cp <= 0x303F)
                || (cp >= 0xFF00 && cp <= 0xFFEF)
                || cp == '“'
                || cp == '”';
    }

    private static boolean isDigitOrLatin(int cp) {
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '%';
    }
}
