package org.excerptbot.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns one search term into an exact Lucene query over the unigram+bigram field: the bigrams of each run of Chinese
 * characters, and the unigrams no bigram covers (a lone character, a number, a Latin word), each at its position.
 */
final class PhraseQueries {
    private final Analyzer analyzer;
    private final String field;

    PhraseQueries(Analyzer analyzer, String field) {
        this.analyzer = analyzer;
        this.field = field;
    }

    /** The query for one term; empty when the term has no token (punctuation only). */
    Optional<Query> exact(String term) {
        List<String> texts = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Boolean> bigram = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, term)) {
            CharTermAttribute text = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                texts.add(text.toString());
                positions.add(position);
                bigram.add(len.getPositionLength() > 1);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a query term in memory", e);
        }
        BitSet covered = new BitSet();
        for (int i = 0; i < texts.size(); i++) {
            if (bigram.get(i)) covered.set(positions.get(i), positions.get(i) + 2);
        }
        List<Term> terms = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (bigram.get(i) || !covered.get(positions.get(i))) {
                terms.add(new Term(field, texts.get(i)));
                at.add(positions.get(i));
            }
        }
        if (terms.isEmpty()) return Optional.empty();
        if (terms.size() == 1) return Optional.of(new TermQuery(terms.get(0)));
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = at.get(0);
        for (int i = 0; i < terms.size(); i++) phrase.add(terms.get(i), at.get(i) - first);
        return Optional.of(phrase.build());
    }
}
