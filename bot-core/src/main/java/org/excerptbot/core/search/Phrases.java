package org.excerptbot.core.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.core.corpus.Paragraph;

/**
 * The phrases of the corpus: its clauses, the runs of words between punctuation marks ({@code 尊重网络主权},
 * {@code 促进互联互通}). They feed autocomplete and, cut into n-grams, the nearest terms offered when a search finds
 * nothing. Immutable and thread-safe.
 */
final class Phrases {
    /** Clauses longer than this are not offered for autocomplete. */
    static final int MAX_CLAUSE = 40;
    /** Terms longer than this get no nearest terms (the search is quadratic in the term's length). */
    static final int MAX_TERM = 120;

    /** One distinct clause: as written, folded, how often it occurs, where first, and in which documents. */
    record Clause(String text, String folded, int count, int first, int documents) {
        boolean in(int document) {
            return (documents & (1 << document)) != 0;
        }
    }

    /** A run of words in one paragraph, folded (also as code points), with the way back to the original text. */
    private record Run(String original, TextFolding.Folded folded, int[] codePoints) {}

    private final List<Clause> clauses;
    private final List<Run> runs;

    private Phrases(List<Clause> clauses, List<Run> runs) {
        this.clauses = clauses;
        this.runs = runs;
    }

    static Phrases of(List<Paragraph> paragraphs) {
        Map<String, Clause> byFolded = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (int ord = 0; ord < paragraphs.size(); ord++) {
            Paragraph p = paragraphs.get(ord);
            int document = p.ref().document();
            for (String clause : clauses(p.text())) {
                TextFolding.Folded folded = TextFolding.foldMapped(clause);
                runs.add(new Run(clause, folded, folded.text().codePoints().toArray()));
                int at = ord;
                byFolded.merge(
                        folded.text(),
                        new Clause(clause, folded.text(), 1, at, 1 << document),
                        (a, b) -> new Clause(
                                a.text(), a.folded(), a.count() + 1, a.first(), a.documents() | b.documents()));
            }
        }
        List<Clause> distinct = byFolded.values().stream()
                .filter(c ->
                        c.text().length() <= MAX_CLAUSE && c.text().codePoints().anyMatch(Phrases::isHan))
                .toList();
        return new Phrases(distinct, List.copyOf(runs));
    }

    /**
     * Clauses that contain every term, best first: those that start with the first term, then the most frequent,
     * then the shortest.
     */
    List<String> complete(List<String> terms, Optional<Integer> document, int limit) {
        return clauses.stream()
                .filter(c -> document.map(c::in).orElse(true))
                .filter(c -> terms.stream().allMatch(t -> c.folded().contains(t)))
                .sorted(Comparator.comparingInt(
                                (Clause c) -> terms.isEmpty() || c.folded().startsWith(terms.get(0)) ? 0 : 1)
                        .thenComparing(Comparator.comparingInt(Clause::count).reversed())
                        .thenComparingInt(c -> c.text().length())
                        .thenComparingInt(Clause::first))
                .limit(limit)
                .map(Clause::text)
                .toList();
    }

    /**
     * The corpus n-grams nearest to a term that does not occur: by edit distance (at most a third of the term, at
     * least 1), then same length, then characters shared, then frequency; a candidate shares at least half of the
     * term's characters. Failing that, the pieces of the term that occur, or common words with its characters.
     */
    List<String> nearest(String term, int limit) {
        int[] t = term.codePoints().toArray();
        if (t.length == 0 || t.length > MAX_TERM) return List.of();
        if (t.length > MAX_CLAUSE) return partsThatOccur(t, limit); // too long to compare window by window
        int maxDistance = Math.max(1, t.length / 3);
        int minShared = (t.length + 1) / 2;
        record Candidate(String text, int distance, int lengthGap, int shared, int count, int first) {}
        Map<String, Candidate> found = new HashMap<>();
        int order = 0;
        for (Run run : runs) {
            int[] r = run.codePoints();
            for (int len = Math.max(1, t.length - 1); len <= t.length + 1; len++) {
                for (int start = 0; start + len <= r.length; start++) {
                    order++;
                    int shared = shared(t, r, start, len);
                    if (shared < minShared) continue;
                    int d = distance(t, r, start, len, maxDistance);
                    if (d == 0 || d > maxDistance) continue;
                    String text = original(run, r, start, len);
                    int first = order;
                    found.merge(
                            text,
                            new Candidate(text, d, Math.abs(len - t.length), shared, 1, first),
                            (a, b) -> new Candidate(
                                    a.text(), a.distance(), a.lengthGap(), a.shared(), a.count() + 1, a.first()));
                }
            }
        }
        if (found.isEmpty()) {
            List<String> parts = partsThatOccur(t, limit);
            return parts.isEmpty() ? wordsWith(t, limit) : parts;
        }
        return found.values().stream()
                .sorted(Comparator.comparingInt(Candidate::distance)
                        .thenComparingInt(Candidate::lengthGap)
                        .thenComparing(
                                Comparator.comparingInt(Candidate::shared).reversed())
                        .thenComparing(Comparator.comparingInt(Candidate::count).reversed())
                        .thenComparingInt(Candidate::first))
                .limit(limit)
                .map(Candidate::text)
                .toList();
    }

    /** The longest pieces of the term (two characters or more) that occur in the corpus, left to right. */
    private List<String> partsThatOccur(int[] term, int limit) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < term.length - 1 && out.size() < limit) {
            int found = 0;
            for (int len = term.length - i; len >= 2 && found == 0; len--) {
                String piece = new String(term, i, len);
                if (runs.stream().anyMatch(r -> r.folded().text().contains(piece))) {
                    found = len;
                    if (!out.contains(piece)) out.add(piece);
                }
            }
            i += Math.max(1, found);
        }
        return out;
    }

    /**
     * For a term with no near neighbour and no part that occurs: for each of its Chinese characters, the most
     * frequent corpus bigram (seen at least twice) that starts with it, or else holds it.
     */
    private List<String> wordsWith(int[] term, int limit) {
        List<String> out = new ArrayList<>();
        for (int c : Arrays.stream(term).distinct().toArray()) {
            if (!isHan(c) || out.size() >= limit) continue;
            Map<String, Integer> counts = new HashMap<>();
            Map<String, Integer> firsts = new HashMap<>();
            for (Run run : runs) {
                int[] r = run.codePoints();
                for (int i = 0; i + 1 < r.length; i++) {
                    if ((r[i] == c || r[i + 1] == c) && isHan(r[i]) && isHan(r[i + 1])) {
                        String bigram = original(run, r, i, 2);
                        counts.merge(bigram, 1, Integer::sum);
                        firsts.putIfAbsent(bigram, firsts.size());
                    }
                }
            }
            counts.entrySet().stream()
                    .filter(e -> e.getValue() > 1 && !out.contains(e.getKey())) // a pair seen once is rarely a word
                    .min(Comparator.comparing(
                                    (Map.Entry<String, Integer> e) -> e.getKey().codePointAt(0) == c ? 0 : 1)
                            .thenComparing(e -> -e.getValue())
                            .thenComparing(e -> firsts.get(e.getKey())))
                    .ifPresent(e -> out.add(e.getKey()));
        }
        return out;
    }

    /** The original text of code points {@code [start, start+len)} of a run's folded text. */
    private static String original(Run run, int[] folded, int start, int len) {
        String f = run.folded().text();
        int from = f.offsetByCodePoints(0, start);
        int to = f.offsetByCodePoints(from, len);
        int a = run.folded().originalOffset(from);
        int b = run.folded().originalOffset(to);
        return a < b ? run.original().substring(a, b) : new String(folded, start, len);
    }

    private static int shared(int[] term, int[] text, int start, int len) {
        int shared = 0;
        boolean[] used = new boolean[len];
        for (int c : term) {
            for (int k = 0; k < len; k++) {
                if (!used[k] && text[start + k] == c) {
                    used[k] = true;
                    shared++;
                    break;
                }
            }
        }
        return shared;
    }

    /** Levenshtein distance between a and b[start, start+len), or max+1 once it must exceed max. */
    private static int distance(int[] a, int[] b, int start, int len, int max) {
        int[] previous = new int[len + 1];
        int[] current = new int[len + 1];
        for (int j = 0; j <= len; j++) previous[j] = j;
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= len; j++) {
                int cost = a[i - 1] == b[start + j - 1] ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > max) return max + 1;
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[len];
    }

    /** Splits a paragraph at everything that is not a letter or a digit (a point between digits and a % after one stay). */
    static List<String> clauses(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp)
                    || (cp == '%' || cp == '％') && i > 0 && Character.isDigit(text.codePointBefore(i))
                    || (cp == '.' || cp == '．')
                            && i > 0
                            && Character.isDigit(text.codePointBefore(i))
                            && i + 1 < text.length()
                            && Character.isDigit(text.codePointAt(i + 1));
            if (word && start < 0) start = i;
            if (!word && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) out.add(text.substring(start));
        return out;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
