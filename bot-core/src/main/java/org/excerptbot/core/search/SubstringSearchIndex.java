package org.excerptbot.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.reply.Span;

/**
 * The basic search: a paragraph matches when it contains every term (quoted phrases count as one term), compared
 * without case and with full-width letters and digits folded. Whole paragraphs are returned with every match
 * marked, in reading order. Kept as a reference oracle for the full-text index.
 */
public final class SubstringSearchIndex implements SearchIndex {
    private static final Pattern TERM = Pattern.compile("\"([^\"]+)\"|“([^”]+)”|(\\S+)");
    private final Corpus corpus;

    public SubstringSearchIndex(Corpus corpus) {
        this.corpus = corpus;
    }

    /** The terms of a query: quoted phrases whole, other words split on white space; folded. */
    static List<String> terms(String query) {
        List<String> terms = new ArrayList<>();
        Matcher m = TERM.matcher(query);
        while (m.find()) {
            String t = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            t = fold(t.strip());
            if (!t.isEmpty()) terms.add(t);
        }
        return terms;
    }

    /** Folds full-width ASCII to ASCII and Latin letters to lower case; the length never changes. */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '！' && c <= '～' && Character.isLetterOrDigit(c)) c = (char) (c - 0xFEE0);
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public SearchResult search(SearchQuery query, int offset, int limit) {
        List<String> terms = terms(query.text());
        if (terms.isEmpty()) return SearchResult.empty(List.of());
        List<Paragraph> matches = corpus.paragraphs()
                .filter(p -> query.document().map(d -> d == p.ref().document()).orElse(true))
                .filter(p -> terms.stream().allMatch(fold(p.text())::contains))
                .sorted(Comparator.comparing(Paragraph::ref))
                .toList();
        List<SearchHit> hits = new ArrayList<>();
        for (int i = Math.max(0, offset); i < Math.min(matches.size(), offset + limit); i++) {
            Paragraph p = matches.get(i);
            hits.add(new SearchHit(p.ref(), mark(p.text(), terms), 1f));
        }
        return new SearchResult(matches.size(), hits, List.of());
    }

    @Override
    public List<String> suggest(String typed, int limit) {
        return List.of();
    }

    /** The text with every occurrence of every term as a MATCH span. */
    static List<Span> mark(String text, List<String> terms) {
        String folded = fold(text);
        boolean[] marked = new boolean[text.length()];
        for (String t : terms) {
            for (int at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + 1)) {
                for (int i = at; i < at + t.length(); i++) marked[i] = true;
            }
        }
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || marked[i] != marked[start]) {
                String piece = text.substring(start, i);
                spans.add(marked[start] ? Span.match(piece) : Span.plain(piece));
                start = i;
            }
        }
        return spans;
    }
}
