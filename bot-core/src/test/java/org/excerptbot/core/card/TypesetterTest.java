package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of Chinese typesetting the typesetter adds to the font's advances, at 100 px so an em is 100. */
class TypesetterTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final float EM = 100;
    private static final Typesetter SERIF =
            new Typesetter(List.of(CardFonts.serif().deriveFont(EM)));

    private static float width(String text) {
        Typesetter.SetText set = SERIF.set(text);
        float w = 0;
        for (int i = 0; i < text.length(); i++) w += set.advance(i);
        return w;
    }

    @Test
    void han_characters_and_full_width_punctuation_take_an_em() {
        assertThat(width("网络")).isCloseTo(2 * EM, within(0.5f));
        assertThat(width("网，")).isCloseTo(2 * EM, within(0.5f));
    }

    @Test
    void of_two_punctuation_marks_in_a_row_one_loses_its_blank_half() {
        assertThat(width("。”")).isCloseTo(1.5f * EM, within(0.5f));
        assertThat(width("”，")).isCloseTo(1.5f * EM, within(0.5f));
        assertThat(width("，“")).isCloseTo(1.5f * EM, within(0.5f));
        assertThat(width("。《")).isCloseTo(1.5f * EM, within(0.5f));
    }

    @Test
    void a_mark_at_either_end_of_a_line_may_drop_its_blank_half() {
        Typesetter.SetText set = SERIF.set("“网，");
        assertThat(set.leading(0)).isCloseTo(EM / 2, within(0.5f));
        assertThat(set.trailing(2)).isCloseTo(EM / 2, within(0.5f));
        assertThat(set.trailing(1)).isZero();
        assertThat(set.advanceOf(0, 3)).isCloseTo(2 * EM, within(0.5f));
    }

    @Test
    void a_gap_separates_han_from_digits_and_falls_away_at_a_line_end() {
        float digits = width("2015");
        assertThat(width("2015年")).isCloseTo(digits + EM + 0.2f * EM, within(0.5f));
        Typesetter.SetText set = SERIF.set("年2015");
        assertThat(set.trailing(0)).isCloseTo(0.2f * EM, within(0.5f));
    }

    @Test
    void the_two_halves_of_a_dash_touch() {
        Typesetter.SetText set = SERIF.set("——");
        List<GlyphVector> runs = set.line(0, 2, 0);
        assertThat(runs).hasSize(1);
        GlyphVector gv = runs.get(0);
        Rectangle2D first = gv.getGlyphVisualBounds(0).getBounds2D();
        Rectangle2D second = gv.getGlyphVisualBounds(1).getBounds2D();
        assertThat(first.getMinX()).isCloseTo(0, within(1.0));
        assertThat(second.getMinX()).isCloseTo(first.getMaxX(), within(1.0));
        assertThat(second.getMaxX()).isCloseTo(2 * EM, within(1.0));
    }

    @Test
    void justification_widens_the_gaps_between_characters_but_not_inside_a_number() {
        Typesetter.SetText set = SERIF.set("网络6.7亿");
        assertThat(set.gaps(0, set.text().length())).isEqualTo(3);
        List<GlyphVector> plain = set.line(0, 6, 0);
        List<GlyphVector> wide = set.line(0, 6, 10);
        float plainEnd = (float) plain.get(0).getGlyphPosition(5).getX();
        float wideEnd = (float) wide.get(0).getGlyphPosition(5).getX();
        assertThat(wideEnd - plainEnd).isCloseTo(30, within(0.5f));
    }
}
