package org.excerptbot.core.search;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Folded text (see {@link TextFolding}) cut by the Unicode word rules (one token per Han character, numbers such as
 * {@code 6.7} whole), then CJK unigrams plus stacked bigrams. A bigram only joins characters that touch in the text,
 * so a phrase of bigrams matches an exact run and never across punctuation. Used for the index and the queries.
 */
final class CorpusAnalyzer extends Analyzer {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new FoldingCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream bigrams = new CJKBigramFilter(
                tokenizer,
                CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL,
                true);
        return new TokenStreamComponents(tokenizer, bigrams);
    }
}
