package org.excerptbot.core.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.excerptbot.core.reply.Span;

/**
 * Cuts a snippet out of a paragraph around its matches: whole sentences that hold the most matches, within about
 * {@link #GOAL} chars, with {@code …} where text was left out, and the matches as {@link Span.Style#MATCH}.
 */
final class Snippets {
    /** A paragraph up to this long is shown whole. */
    static final int WHOLE = 150;
    /** The length a snippet aims at. */
    static final int GOAL = 110;

    static final String ELLIPSIS = "…";

    private Snippets() {}

    /**
     * The snippet of a paragraph.
     *
     * @param matches sorted, non-overlapping {@code [start, end)} pairs of char offsets into {@code text}
     */
    static List<Span> snippet(String text, int[] matches) {
        int start = 0;
        int end = text.length();
        if (text.length() > WHOLE) {
            int[] window = window(text, matches);
            start = window[0];
            end = window[1];
        }
        return spans(text, matches, start, end);
    }

    private static int[] window(String text, int[] matches) {
        List<int[]> sentences = sentences(text);
        int[] best = null;
        int bestDistinct = -1;
        int bestCount = -1;
        for (int i = 0; i < sentences.size(); i++) {
            int s = sentences.get(i)[0];
            int e = sentences.get(i)[1];
            if (!holdsMatch(matches, s, e)) continue; // a snippet starts where something matched
            for (int j = i + 1; j < sentences.size() && sentences.get(j)[1] - s <= GOAL; j++) {
                e = sentences.get(j)[1];
            }
            Set<String> distinct = new HashSet<>();
            int count = 0;
            for (int k = 0; k < matches.length; k += 2) {
                if (matches[k] >= s && matches[k + 1] <= e) {
                    count++;
                    distinct.add(text.substring(matches[k], matches[k + 1]));
                }
            }
            if (distinct.size() > bestDistinct || distinct.size() == bestDistinct && count > bestCount) {
                best = new int[] {s, e};
                bestDistinct = distinct.size();
                bestCount = count;
            }
        }
        if (best == null) best = new int[] {0, text.length()};
        if (best[1] - best[0] <= GOAL + GOAL / 4) return best;
        // one long sentence: a window of GOAL chars that starts a little before its first match
        int first = best[0];
        for (int k = 0; k < matches.length; k += 2) {
            if (matches[k] >= best[0] && matches[k + 1] <= best[1]) {
                first = matches[k];
                break;
            }
        }
        int s = Math.max(best[0], first - GOAL / 4);
        int e = Math.min(best[1], s + GOAL);
        s = Math.max(best[0], Math.min(s, e - GOAL));
        for (int k = 0; k < matches.length; k += 2) {
            if (matches[k] < e && matches[k + 1] > e) e = matches[k + 1]; // never cut a match in two
        }
        return new int[] {avoidSurrogateSplit(text, s), avoidSurrogateSplit(text, e)};
    }

    private static boolean holdsMatch(int[] matches, int start, int end) {
        for (int k = 0; k < matches.length; k += 2) {
            if (matches[k] >= start && matches[k] < end) return true;
        }
        return false;
    }

    /** Sentences as {@code [start, end)}, ending after 。！？；!?; and any closing quotes that follow. */
    static List<int[]> sentences(String text) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if ("。！？；!?;".indexOf(c) >= 0) {
                while (i < text.length() && "”’」』)）".indexOf(text.charAt(i)) >= 0) i++;
                out.add(new int[] {start, i});
                start = i;
            }
        }
        if (start < text.length()) out.add(new int[] {start, text.length()});
        return out;
    }

    private static List<Span> spans(String text, int[] matches, int start, int end) {
        List<Span> spans = new ArrayList<>();
        StringBuilder plain = new StringBuilder(start > 0 ? ELLIPSIS : "");
        int at = start;
        for (int k = 0; k < matches.length; k += 2) {
            int ms = Math.max(matches[k], start);
            int me = Math.min(matches[k + 1], end);
            if (ms >= me) continue;
            plain.append(text, at, ms);
            if (plain.length() > 0) spans.add(Span.plain(plain.toString()));
            plain.setLength(0);
            spans.add(Span.match(text.substring(ms, me)));
            at = me;
        }
        plain.append(text, at, end);
        if (end < text.length()) plain.append(ELLIPSIS);
        if (plain.length() > 0) spans.add(Span.plain(plain.toString()));
        return spans;
    }

    private static int avoidSurrogateSplit(String text, int offset) {
        return offset > 0 && offset < text.length() && Character.isLowSurrogate(text.charAt(offset))
                ? offset - 1
                : offset;
    }
}
