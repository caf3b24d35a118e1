package org.excerptbot.core.search;

import com.github.houbb.opencc4j.core.impl.ZhConvertBootstrap;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Folds text for matching, the same way on the index and on the query side: NFKC (full-width forms become
 * half-width), lower case, and traditional Chinese to simplified through opencc4j. Keeps, for every folded char, the
 * offset of the original char it came from, so that matches found in folded text can be marked in the original.
 * Thread-safe.
 */
final class TextFolding {
    private static final ZhConvertBootstrap OPENCC =
            ZhConvertBootstrap.newInstance().init();

    private TextFolding() {}

    /**
     * Folded text with its way back to the original.
     *
     * @param text the folded text
     * @param origin {@code origin[i]} is the offset in the original of folded char {@code i}; one more entry maps
     *     the end of the folded text to the end of the original
     */
    record Folded(String text, int[] origin) {
        /** The original offset of a folded offset (0 to the folded length, inclusive). */
        int originalOffset(int foldedOffset) {
            return origin[Math.max(0, Math.min(foldedOffset, origin.length - 1))];
        }
    }

    /** Folds text; see the class comment. */
    static String fold(String text) {
        return foldMapped(text).text();
    }

    /** Folds text and keeps the offsets back to the original. */
    static Folded foldMapped(String text) {
        Folded widthAndCase = foldWidthAndCase(text);
        Folded simplified = toSimplified(widthAndCase.text());
        int[] origin = new int[simplified.origin().length];
        for (int i = 0; i < origin.length; i++) {
            origin[i] = widthAndCase.originalOffset(simplified.origin()[i]);
        }
        return new Folded(simplified.text(), origin);
    }

    /** NFKC and lower case, code point by code point, so that each result char knows its source. */
    private static Folded foldWidthAndCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 1];
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String piece;
            if (cp < 0x80) {
                piece = null;
                out.append((char) Character.toLowerCase(cp));
            } else {
                String one = text.substring(i, i + n);
                piece = Normalizer.normalize(one, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
                out.append(piece);
            }
            int added = piece == null ? 1 : piece.length();
            origin = ensure(origin, out.length() + 1);
            for (int k = out.length() - added; k < out.length(); k++) origin[k] = i;
            i += n;
        }
        origin = Arrays.copyOf(origin, out.length() + 1);
        origin[out.length()] = text.length();
        return new Folded(out.toString(), origin);
    }

    /** Traditional to simplified by opencc4j's segments (phrases where its dictionary has them). */
    private static Folded toSimplified(String text) {
        if (!hasHan(text)) return identity(text);
        StringBuilder out = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 1];
        int at = 0;
        List<String> segments = OPENCC.doSeg(text);
        for (String segment : segments) {
            String converted = OPENCC.toSimple(segment);
            origin = ensure(origin, out.length() + converted.length() + 1);
            for (int k = 0; k < converted.length(); k++) {
                // same length: char by char; otherwise every char points at the start of its segment
                origin[out.length() + k] = converted.length() == segment.length() ? at + k : at;
            }
            out.append(converted);
            at += segment.length();
        }
        if (at != text.length()) return identity(text); // the segmenter lost text: never fold half a paragraph
        origin = Arrays.copyOf(origin, out.length() + 1);
        origin[out.length()] = text.length();
        return new Folded(out.toString(), origin);
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static Folded identity(String text) {
        int[] origin = new int[text.length() + 1];
        for (int i = 0; i < origin.length; i++) origin[i] = i;
        return new Folded(text, origin);
    }

    private static int[] ensure(int[] array, int size) {
        return array.length >= size ? array : Arrays.copyOf(array, Math.max(size, array.length * 2));
    }
}
