package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.excerptbot.core.card.LineBreaker.Line;
import org.excerptbot.core.card.LineBreaker.Widths;
import org.junit.jupiter.api.Test;

/**
 * The line-breaking rules on small texts, measured as a monospaced CJK face would set them: 1 for a full-width
 * character, 0.5 for a Latin letter, a digit, a space or ASCII punctuation.
 */
class LineBreakerTest {
    private static Widths monospaced(String text) {
        return i -> Character.isLowSurrogate(text.charAt(i)) ? 0 : text.charAt(i) < 0x2000 ? 0.5f : 1;
    }

    private static List<String> lines(String text, float width) {
        return lines(text, monospaced(text), width);
    }

    private static List<String> lines(String text, Widths widths, float width) {
        return LineBreaker.breakLines(text, widths, width).stream()
                .map(l -> text.substring(l.start(), l.end()))
                .toList();
    }

    @Test
    void fills_each_line_with_as_many_characters_as_fit() {
        assertThat(lines("一二三四五六七八九十", 4)).containsExactly("一二三四", "五六七八", "九十");
    }

    @Test
    void closing_punctuation_is_pushed_down_with_the_character_before_it() {
        assertThat(lines("一二三四，五六七八", 4)).containsExactly("一二三", "四，五六", "七八");
        assertThat(lines("一二三四。”五六", 4)).containsExactly("一二三", "四。”", "五六");
        assertThat(lines("一二三四）、五", 4)).containsExactly("一二三", "四）、五");
    }

    @Test
    void no_closing_mark_of_the_set_ever_starts_a_line() {
        for (char mark : "，。、；：？！”’）》」』】〕〉…—".toCharArray()) {
            String text = "一二三四" + mark + "五六七八九";
            assertThat(lines(text, 4)).as("mark %s", mark).noneMatch(l -> l.charAt(0) == mark);
        }
    }

    @Test
    void opening_punctuation_goes_down_with_the_character_after_it() {
        assertThat(lines("一二三“四五”六", 4)).containsExactly("一二三", "“四五”", "六");
        assertThat(lines("一二三《四五》", 4)).containsExactly("一二三", "《四五》");
        for (char mark : "“‘（《「『【〔〈".toCharArray()) {
            String text = "一二三" + mark + "四五六七";
            assertThat(lines(text, 4)).as("mark %s", mark).noneMatch(l -> l.charAt(l.length() - 1) == mark);
        }
    }

    @Test
    void a_number_stays_whole_and_with_the_character_after_it() {
        assertThat(lines("一二三6.7亿网民", 5)).containsExactly("一二三", "6.7亿网民");
        assertThat(lines("一二三四2015年", 5)).containsExactly("一二三四", "2015年");
        assertThat(lines("版本一二三4.0好", 5)).containsExactly("版本一二三", "4.0好");
        assertThat(lines("一二三四12.5%的", 5)).containsExactly("一二三四", "12.5%的");
    }

    @Test
    void a_latin_word_stays_whole() {
        assertThat(lines("一二三四APEC会议", 5)).containsExactly("一二三四", "APEC会议");
        assertThat(lines("一二三e-mail", 5)).containsExactly("一二三", "e-mail");
    }

    @Test
    void latin_words_break_at_spaces_and_the_spaces_do_not_count_at_a_line_end() {
        assertThat(lines("the World Internet Conference", 6)).containsExactly("the World", "Internet", "Conference");
    }

    @Test
    void a_dash_or_an_ellipsis_is_never_split_nor_starts_a_line() {
        assertThat(lines("一二三——四五", 4)).containsExactly("一二", "三——", "四五");
        assertThat(lines("一二三……四五", 4)).containsExactly("一二", "三……", "四五");
    }

    @Test
    void a_word_wider_than_the_line_is_cut_so_that_every_line_fits() {
        String text = "见https://www.example.org/a/very/long/path";
        List<Line> lines = LineBreaker.breakLines(text, monospaced(text), 5);
        assertThat(lines).allSatisfy(l -> assertThat(l.width()).isLessThanOrEqualTo(5));
        assertThat(String.join("", lines(text, 5))).isEqualTo(text);
    }

    @Test
    void a_paragraph_does_not_end_with_a_line_of_one_character() {
        assertThat(lines("一二三四五六七八九。", 4)).containsExactly("一二三四", "五六七", "八九。");
    }

    @Test
    void a_newline_ends_a_paragraph_and_its_last_line_is_marked() {
        String text = "一二三四五\n六七";
        List<Line> lines = LineBreaker.breakLines(text, monospaced(text), 4);
        assertThat(lines).extracting(l -> text.substring(l.start(), l.end())).containsExactly("一二三", "四五", "六七");
        assertThat(lines).extracting(Line::endsParagraph).containsExactly(false, true, true);
    }

    @Test
    void blank_halves_at_the_ends_of_a_line_make_room() {
        // A full-width comma whose right half is blank fits at the end of a line that is otherwise full.
        String text = "一二三，四五";
        Widths commaHangs = new Widths() {
            @Override
            public float advance(int index) {
                return 1;
            }

            @Override
            public float trailing(int index) {
                return text.charAt(index) == '，' ? 0.5f : 0;
            }
        };
        assertThat(lines(text, commaHangs, 3.5f)).containsExactly("一二三，", "四五");
        assertThat(lines(text, monospaced(text), 3.5f)).containsExactly("一二", "三，四", "五");
    }

    @Test
    void surrogate_pairs_are_never_split() {
        String text = "一𠀀𠀁𠀂𠀃二";
        assertThat(lines(text, 2)).allSatisfy(l -> assertThat(Character.isLowSurrogate(l.charAt(0)))
                .isFalse());
        assertThat(String.join("", lines(text, 2))).isEqualTo(text);
    }

    @Test
    void rejects_a_width_that_is_not_positive() {
        assertThatThrownBy(() -> LineBreaker.breakLines("一", i -> 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxWidth");
    }
}
