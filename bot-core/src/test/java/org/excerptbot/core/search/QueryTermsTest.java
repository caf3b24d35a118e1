package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTermsTest {

    @Test
    void white_space_separates_terms_and_quotes_keep_phrases_whole() {
        assertThat(QueryTerms.parse("网络 主权")).containsExactly("网络", "主权");
        assertThat(QueryTerms.parse("\"网络 空间\" 主权")).containsExactly("网络 空间", "主权");
        assertThat(QueryTerms.parse("“天下兼相爱则治，交相恶则乱” 「志合者」 『凡益之道』")).containsExactly("天下兼相爱则治,交相恶则乱", "志合者", "凡益之道");
    }

    @Test
    void spaces_after_digits_before_chinese_are_dropped_as_in_the_corpus() {
        assertThat(QueryTerms.parse("13 亿")).containsExactly("13亿");
        assertThat(QueryTerms.parse("6.7 亿网民 2015 年")).containsExactly("6.7亿网民", "2015年");
        assertThat(QueryTerms.parse("网民 2015")).containsExactly("网民", "2015");
        assertThat(QueryTerms.parse("\"13 亿\"")).containsExactly("13亿");
    }

    @Test
    void folds_and_drops_duplicates_stray_quotes_and_blanks() {
        assertThat(QueryTerms.parse("網絡　网络 ＧＤＰ")).containsExactly("网络", "gdp");
        assertThat(QueryTerms.parse("\"网络")).containsExactly("网络");
        assertThat(QueryTerms.parse("   ")).isEmpty();
        assertThat(QueryTerms.parse(null)).isEmpty();
    }
}
