package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.excerptbot.core.corpus.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Terms whose symbols are part of them must match as written; punctuation around a term still does not count. */
class SymbolTermsTest {
    private static final Corpus CORPUS = TestCorpora.of(List.of(), new String[] {
        "发展e-commerce平台。",
        "发展ecommerce平台。",
        "发展e commerce平台。",
        "web2.0时代到来。",
        "web2时代，0成本。",
        "学习C++语言。",
        "学习C语言。",
        "学习C#语言。"
    });
    private static final LuceneSearchIndex INDEX = LuceneSearchIndex.build(CORPUS);

    private static List<String> found(String query) {
        return TestCorpora.positions(INDEX.search(SearchQuery.parse(query), 0, 10));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "e-commerce|1.1",
                "Ｅ－ｃｏｍｍｅｒｃｅ|1.1",
                "web2.0|1.4",
                "c++|1.6",
                "c#|1.8",
                "c++ 语言|1.6",
            })
    void aTermWithItsSymbolsFindsOnlyTheParagraphsThatHaveItAsWritten(String query, String expected) {
        assertThat(found(query)).containsExactly(expected.split(" "));
    }

    @Test
    void withoutItsSymbolTheWordStillFindsEveryParagraphThatHasIt() {
        assertThat(found("commerce")).containsExactlyInAnyOrder("1.1", "1.3");
        assertThat(found("语言")).containsExactlyInAnyOrder("1.6", "1.7", "1.8");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"互联网+,互联网+", "“互联网+”,互联网+", "e-commerce.,e-commerce", "web2.0,web2.0", "c#,c#", "6.7,6.7"})
    void symbolicTermsMatchLiterally(String term, String literal) {
        assertThat(SymbolTerms.literal(term)).hasValue(literal);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"互联网", "网络主权。", "-网络主权-", "a.", "+", "--", "互联网、治理"})
    void otherTermsAreReadAsTheAnalyzerReadsThem(String term) {
        assertThat(SymbolTerms.literal(term)).isEmpty();
    }
}
