package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.excerptbot.core.reply.Span;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void a_short_paragraph_is_shown_whole_with_its_matches() {
        String text = "网络的本质在于互联，信息的价值在于互通。";
        List<Span> spans = Snippets.snippet(text, new int[] {7, 9, 17, 19});

        assertThat(spans)
                .containsExactly(
                        Span.plain("网络的本质在于"),
                        Span.match("互联"),
                        Span.plain("，信息的价值在于"),
                        Span.match("互通"),
                        Span.plain("。"));
    }

    @Test
    void a_long_paragraph_shows_the_sentences_with_the_most_distinct_matches() {
        String a = "第一句话里有安全。";
        String b = "第二句话里有发展和安全。";
        String filler = "这一句什么也没有，只是很长很长很长很长很长很长很长很长。";
        String text = a + filler.repeat(4) + b + filler.repeat(4);
        int anquan1 = text.indexOf("安全");
        int fazhan = text.indexOf("发展");
        int anquan2 = text.indexOf("安全", fazhan);

        List<Span> spans =
                Snippets.snippet(text, new int[] {anquan1, anquan1 + 2, fazhan, fazhan + 2, anquan2, anquan2 + 2});
        String shown = spans.stream().map(Span::text).reduce("", String::concat);

        assertThat(shown).startsWith(Snippets.ELLIPSIS + "第二句话里有").endsWith(Snippets.ELLIPSIS);
        assertThat(shown.length()).isLessThanOrEqualTo(Snippets.GOAL + 2);
        assertThat(spans).contains(Span.match("发展"), Span.match("安全"));
    }

    @Test
    void one_very_long_sentence_is_cut_around_its_first_match_without_splitting_it() {
        String text = "甲".repeat(300) + "网络主权" + "乙".repeat(300);
        List<Span> spans = Snippets.snippet(text, new int[] {300, 304});
        String shown = spans.stream().map(Span::text).reduce("", String::concat);

        assertThat(spans).contains(Span.match("网络主权"));
        assertThat(shown).startsWith(Snippets.ELLIPSIS).endsWith(Snippets.ELLIPSIS);
        assertThat(shown.length()).isBetween(Snippets.GOAL, Snippets.GOAL + 2);
    }

    @Test
    void sentences_end_after_closing_quotes() {
        assertThat(Snippets.sentences("他说：“好。”然后走了。")).extracting(r -> r[1]).containsExactly(7, 12);
    }
}
