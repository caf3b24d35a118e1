package org.excerptbot.core.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Breaks Chinese text, Latin words and numbers included, into lines no wider than a measure, by the rules of Chinese
 * typesetting: closing punctuation ({@code ，。、；：？！”）》} and the like) never starts a line, opening punctuation
 * ({@code “（《「『【}) never ends one, a dash {@code ——} or an ellipsis {@code ……} is never split nor starts a line,
 * and a Latin word or a number stays whole, with the character right after a number ({@code 6.7亿}, {@code 2015年}).
 * A character that cannot start a line is pushed down with the one before it rather than hung in the margin.
 *
 * <p>{@link java.text.BreakIterator#getLineInstance} is not used: the JDK's rules break a number from its unit and
 * let a dash or an ellipsis start a line. The widths come from the caller, so the rules serve any font and size.
 */
public final class LineBreaker {
    /** Characters that never start a line. */
    static final String NOT_AT_START = "，。、；：？！”’）》」』】〕〉〗〙〛…—–·～％,.;:?!)]}>%+";

    /** Characters that never end a line. */
    static final String NOT_AT_END = "“‘（《「『【〔〈〖〘〚([{<";

    private static final float EPSILON = 0.01f;

    private LineBreaker() {}

    /** The widths of a text's characters, as one font at one size sets them. */
    public interface Widths {
        /**
         * The advance of the {@code char} at an index, with any space set after it; 0 for the second half of a
         * surrogate pair.
         */
        float advance(int index);

        /** The part of {@link #advance} that is blank and falls away when the character ends a line. */
        default float trailing(int index) {
            return 0;
        }

        /** The part of {@link #advance} that is blank and falls away when the character starts a line. */
        default float leading(int index) {
            return 0;
        }
    }

    /**
     * One line: the text from {@code start} (inclusive) to {@code end} (exclusive), without the spaces at either end.
     *
     * @param width the line's width, without what falls away at its start and end
     * @param endsParagraph true for the last line of the text and for a line ended by a newline: it is not justified
     */
    public record Line(int start, int end, float width, boolean endsParagraph) {}

    /**
     * Breaks a text into lines of at most {@code maxWidth}. A newline ends a paragraph. A paragraph's last line holds
     * at least two characters besides punctuation when the line before it can spare one. A Latin word, or a run of
     * characters that may not be parted, that is wider than a whole line is cut where it must, so every line fits.
     */
    public static List<Line> breakLines(String text, Widths widths, float maxWidth) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(widths, "widths");
        if (!(maxWidth > 0)) throw new IllegalArgumentException("maxWidth: must be positive, was " + maxWidth);
        List<Line> lines = new ArrayList<>();
        int n = text.length();
        int i = skipSpaces(text, 0);
        int paragraphStart = 0;
        while (i < n) {
            if (text.charAt(i) == '\n') {
                lines.add(new Line(i, i, 0, true));
                i = skipSpaces(text, i + 1);
                paragraphStart = lines.size();
                continue;
            }
            int lineStart = i;
            int j = i;
            while (true) {
                int k = nextBreak(text, j);
                if (width(text, widths, lineStart, k) <= maxWidth + EPSILON) {
                    j = k;
                    if (j >= n || text.charAt(j) == '\n') break;
                } else {
                    if (j == lineStart) j = forcedCut(text, widths, lineStart, k, maxWidth);
                    break;
                }
            }
            boolean endsParagraph = j >= n || text.charAt(j) == '\n';
            lines.add(line(text, widths, lineStart, j, endsParagraph));
            if (endsParagraph) {
                avoidWidow(text, widths, maxWidth, lines, paragraphStart);
                paragraphStart = lines.size();
            }
            if (j < n && text.charAt(j) == '\n') j++;
            i = skipSpaces(text, j);
        }
        return List.copyOf(lines);
    }

    /**
     * When a paragraph's last line would hold a single character (and its punctuation), moves the last few
     * characters of the line before it down, if the last line still fits and the line before stays most of a line.
     */
    private static void avoidWidow(String text, Widths widths, float maxWidth, List<Line> lines, int paragraphStart) {
        int last = lines.size() - 1;
        if (last - 1 < paragraphStart) return;
        Line tail = lines.get(last);
        if (letters(text, tail.start(), tail.end()) >= 2) return;
        Line before = lines.get(last - 1);
        int b = before.end() - 1;
        while (b > before.start() && !canBreakBefore(text, b)) b--;
        if (b <= before.start() || letters(text, b, before.end()) > 3) return;
        if (width(text, widths, before.start(), b) < maxWidth * 0.7f) return;
        if (width(text, widths, b, tail.end()) > maxWidth + EPSILON) return;
        lines.set(last - 1, line(text, widths, before.start(), b, false));
        lines.set(last, line(text, widths, skipSpaces(text, b), tail.end(), true));
    }

    /** The number of code points in {@code [start, end)} that are neither punctuation nor spaces. */
    private static int letters(String text, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i += Character.charCount(text.codePointAt(i))) {
            char c = text.charAt(i);
            if (!isSpace(c) && NOT_AT_START.indexOf(c) < 0 && NOT_AT_END.indexOf(c) < 0) count++;
        }
        return count;
    }

    private static Line line(String text, Widths widths, int start, int end, boolean endsParagraph) {
        int drawnEnd = trimSpaces(text, start, end);
        return new Line(start, drawnEnd, width(text, widths, start, end), endsParagraph);
    }

    /** The width of {@code [start, end)} set as one line: without the spaces at its end and what falls away. */
    private static float width(String text, Widths widths, int start, int end) {
        int drawnEnd = trimSpaces(text, start, end);
        if (drawnEnd <= start) return 0;
        int last = drawnEnd - 1;
        if (Character.isLowSurrogate(text.charAt(last)) && last > start) last--;
        return sum(widths, start, drawnEnd) - widths.leading(start) - widths.trailing(last);
    }

    /** True when a line may start at {@code index} (0 &lt; index &lt; length). */
    static boolean canBreakBefore(String text, int index) {
        if (index <= 0 || index >= text.length()) return false;
        char next = text.charAt(index);
        char prev = text.charAt(index - 1);
        if (Character.isLowSurrogate(next) && Character.isHighSurrogate(prev)) return false;
        if (next == '\n' || prev == '\n') return true;
        if (isSpace(next)) return false;
        if (NOT_AT_START.indexOf(next) >= 0) return false;
        if (isSpace(prev)) return true;
        if (NOT_AT_END.indexOf(prev) >= 0) return false;
        if (joinsWord(text, index)) return false;
        return !(isDigit(text.codePointBefore(index)) && isHan(text.codePointAt(index)));
    }

    /**
     * True when {@code index} falls inside a Latin word or a number: between two word characters, or next to a
     * connector between two, as in {@code 4.0} or {@code e-mail}.
     */
    static boolean joinsWord(String text, int index) {
        if (index <= 0 || index >= text.length()) return false;
        char prev = text.charAt(index - 1);
        char next = text.charAt(index);
        int prevCp = text.codePointBefore(index);
        int nextCp = text.codePointAt(index);
        if (isWordChar(prevCp) && isWordChar(nextCp)) return true;
        if (isConnector(prev) && index >= 2 && isWordChar(text.codePointBefore(index - 1)) && isWordChar(nextCp)) {
            return true;
        }
        return isConnector(next)
                && index + 1 < text.length()
                && isWordChar(prevCp)
                && isWordChar(text.codePointAt(index + 1));
    }

    /** The next index after {@code from} where a line may start (or end), or the text's length. */
    private static int nextBreak(String text, int from) {
        int k = from + 1;
        while (k < text.length() && text.charAt(k) != '\n' && !canBreakBefore(text, k)) k++;
        return k;
    }

    /** Where to cut a run that cannot be parted but is wider than a line: after as many code points as fit. */
    private static int forcedCut(String text, Widths widths, int start, int limit, float maxWidth) {
        int cut = start + Character.charCount(text.codePointAt(start));
        while (cut < limit) {
            int next = cut + Character.charCount(text.codePointAt(cut));
            if (width(text, widths, start, next) > maxWidth + EPSILON) break;
            cut = next;
        }
        return cut;
    }

    private static float sum(Widths widths, int from, int to) {
        float s = 0;
        for (int i = from; i < to; i++) s += widths.advance(i);
        return s;
    }

    private static int trimSpaces(String text, int start, int end) {
        int e = end;
        while (e > start && (isSpace(text.charAt(e - 1)) || text.charAt(e - 1) == '\n')) e--;
        return e;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) i++;
        return i;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u3000';
    }

    /** A letter or digit of a script written with spaces between words (Latin, Greek, Cyrillic, digits). */
    static boolean isWordChar(int cp) {
        if (!Character.isLetterOrDigit(cp)) return false;
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.LATIN
                || script == Character.UnicodeScript.GREEK
                || script == Character.UnicodeScript.CYRILLIC
                || script == Character.UnicodeScript.COMMON;
    }

    private static boolean isDigit(int cp) {
        return (cp >= '0' && cp <= '9') || (cp >= '０' && cp <= '９');
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** Characters that join two word characters into one word: {@code 4.0}, {@code 1,000}, {@code e-mail}. */
    private static boolean isConnector(char c) {
        return c == '.' || c == ',' || c == ':' || c == '-' || c == '/' || c == '\'' || c == '_' || c == '&';
    }
}
