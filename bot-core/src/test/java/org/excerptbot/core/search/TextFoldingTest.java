package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldingTest {

    @Test
    void folds_width_case_and_traditional_characters() {
        assertThat(TextFolding.fold("ＧＤＰ　１３億")).isEqualTo("gdp 13亿");
        assertThat(TextFolding.fold("網絡主權")).isEqualTo("网络主权");
        assertThat(TextFolding.fold("共同構建網絡空間命運共同體")).isEqualTo("共同构建网络空间命运共同体");
        assertThat(TextFolding.fold("尊重网络主权，")).isEqualTo("尊重网络主权,");
    }

    @Test
    void every_folded_char_points_back_to_its_original() {
        String original = "ＡＢ網絡㎏主權";
        TextFolding.Folded folded = TextFolding.foldMapped(original);

        assertThat(folded.text()).isEqualTo("ab网络kg主权");
        assertThat(folded.originalOffset(0)).isZero();
        assertThat(folded.originalOffset(2)).isEqualTo(2); // 网 <- 網
        assertThat(folded.originalOffset(4)).isEqualTo(4); // k <- ㎏
        assertThat(folded.originalOffset(5)).isEqualTo(4); // g <- ㎏
        assertThat(folded.originalOffset(6)).isEqualTo(5); // 主
        assertThat(folded.originalOffset(folded.text().length())).isEqualTo(original.length());
    }

    @Test
    void text_without_han_or_wide_forms_is_unchanged_but_lower_case() {
        assertThat(TextFolding.fold("GDP 7% 2.8")).isEqualTo("gdp 7% 2.8");
        assertThat(TextFolding.fold("")).isEmpty();
    }
}
