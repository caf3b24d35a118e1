package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.excerptbot.core.search.TestCorpora.marked;
import static org.excerptbot.core.search.TestCorpora.matches;
import static org.excerptbot.core.search.TestCorpora.positions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.reply.Span;
import org.junit.jupiter.api.Test;

/** The search semantics on small corpora written for each case. */
class LuceneSearchIndexTest {

    private static SearchResult search(LuceneSearchIndex index, String raw) {
        return index.search(SearchQuery.parse(raw), 0, 10);
    }

    @Test
    void a_run_of_chinese_characters_is_an_exact_phrase_and_spaced_terms_are_anded() {
        LuceneSearchIndex index = LuceneSearchIndex.build(
                TestCorpora.of(List.of(), new String[] {"网络的本质在于互联，信息的价值在于互通。", "促进互联互通。", "只谈互联。"}));

        assertThat(positions(search(index, "互联互通"))).containsExactly("1.2");
        assertThat(positions(search(index, "互联 互通"))).containsExactlyInAnyOrder("1.1", "1.2");
        assertThat(positions(search(index, "\"互联互通\""))).containsExactly("1.2");
        assertThat(positions(search(index, "联互"))).containsExactly("1.2");
        assertThat(positions(search(index, "互联信息")))
                .as("no phrase across punctuation")
                .isEmpty();
        assertThat(positions(search(index, "互联"))).containsExactlyInAnyOrder("1.1", "1.2", "1.3");
    }

    @Test
    void ties_go_to_principles_then_shorter_paragraphs_then_reading_order() {
        // Punctuation adds length but no token, so these paragraphs score exactly the same.
        Corpus corpus = TestCorpora.of(List.of(4), new String[] {"尊重网络主权！！", "尊重网络主权", "尊重网络主权", "尊重网络主权！！！", "别的话"});
        LuceneSearchIndex index = LuceneSearchIndex.build(corpus);

        SearchResult result = search(index, "网络主权");

        assertThat(positions(result)).containsExactly("1.4", "1.2", "1.3", "1.1");
        assertThat(result.hits())
                .extracting(SearchHit::score)
                .containsOnly(result.hits().get(0).score());
    }

    @Test
    void bm25_puts_the_paragraph_with_more_occurrences_first() {
        LuceneSearchIndex index = LuceneSearchIndex.build(
                TestCorpora.of(List.of(), new String[] {"网络安全很重要，发展也重要。", "网络安全，网络安全，还是网络安全。"}));

        assertThat(positions(search(index, "网络安全"))).containsExactly("1.2", "1.1");
    }

    @Test
    void matches_are_marked_in_the_original_text_whatever_its_width() {
        LuceneSearchIndex index =
                LuceneSearchIndex.build(TestCorpora.of(List.of(), new String[] {"互联网经济ＧＤＰ占比去年即达７%，很高。"}));

        SearchHit hit = search(index, "gdp").hits().get(0);

        assertThat(matches(hit)).containsExactly("ＧＤＰ");
        assertThat(marked(hit)).isEqualTo("互联网经济【ＧＤＰ】占比去年即达７%，很高。");
        assertThat(matches(search(index, "7%").hits().get(0))).containsExactly("７");
    }

    @Test
    void a_long_paragraph_gives_a_snippet_around_the_match_not_the_whole_text() {
        String filler = "这是一句没有关键词的话，只为把段落拉长。".repeat(12);
        String text = filler + "我们应该尊重网络主权。" + filler;
        LuceneSearchIndex index = LuceneSearchIndex.build(TestCorpora.of(List.of(), new String[] {text}));

        SearchHit hit = search(index, "网络主权").hits().get(0);
        String snippet = marked(hit);

        assertThat(matches(hit)).containsExactly("网络主权");
        assertThat(snippet.length()).isLessThan(text.length() / 2);
        assertThat(snippet).startsWith(Snippets.ELLIPSIS).endsWith(Snippets.ELLIPSIS);
        String plain = snippet.replace("【", "").replace("】", "");
        assertThat(text).contains(plain.substring(1, plain.length() - 1));
        assertThat(hit.snippet()).allMatch(s -> !s.text().isEmpty());
    }

    @Test
    void pages_are_cut_from_one_ranking_and_total_counts_every_match() {
        String[] paragraphs = new String[12];
        for (int i = 0; i < paragraphs.length; i++) paragraphs[i] = "合作" + "。".repeat(i);
        LuceneSearchIndex index = LuceneSearchIndex.build(TestCorpora.of(List.of(), paragraphs));

        SearchResult first = index.search(SearchQuery.parse("合作"), 0, 5);
        SearchResult third = index.search(SearchQuery.parse("合作"), 10, 5);
        SearchResult beyond = index.search(SearchQuery.parse("合作"), 20, 5);

        assertThat(first.total()).isEqualTo(12);
        assertThat(positions(first)).containsExactly("1.1", "1.2", "1.3", "1.4", "1.5");
        assertThat(positions(third)).containsExactly("1.11", "1.12");
        assertThat(beyond.total()).isEqualTo(12);
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.suggestions()).isEmpty();
    }

    @Test
    void the_document_filter_limits_hits_and_points_to_other_documents_when_it_hides_them() {
        LuceneSearchIndex index =
                LuceneSearchIndex.build(TestCorpora.of(List.of(), new String[] {"宽带中国战略。"}, new String[] {"网络空间。"}));

        assertThat(positions(search(index, "in:1 宽带中国"))).containsExactly("1.1");
        SearchResult hidden = search(index, "in:2 宽带中国");
        assertThat(hidden.total()).isZero();
        assertThat(hidden.suggestions()).containsExactly("in:1 宽带中国");
        assertThat(search(index, "in:9 网络").suggestions()).containsExactly("in:2 网络");
    }

    @Test
    void bad_arguments_are_refused_with_their_name() {
        LuceneSearchIndex index = LuceneSearchIndex.build(TestCorpora.of(List.of(), new String[] {"网络。"}));

        assertThatThrownBy(() -> index.search(SearchQuery.parse("网络"), -1, 5)).hasMessageContaining("offset");
        assertThatThrownBy(() -> index.search(SearchQuery.parse("网络"), 0, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> index.search(null, 0, 5)).hasMessageContaining("query");
        assertThatThrownBy(() -> index.suggest("网", -1)).hasMessageContaining("limit");
        assertThatThrownBy(() -> LuceneSearchIndex.build(null)).hasMessageContaining("corpus");
    }

    @Test
    void a_query_without_words_finds_nothing_and_suggests_nothing() {
        LuceneSearchIndex index = LuceneSearchIndex.build(TestCorpora.of(List.of(), new String[] {"网络。"}));

        for (String q : List.of("", "   ", "，。！", "\"\"", "in:1")) {
            SearchResult r = search(index, q);
            assertThat(r.total()).as(q).isZero();
            assertThat(r.suggestions()).as(q).isEmpty();
        }
    }

    @Test
    void many_threads_get_the_same_answers_as_one() throws Exception {
        Corpus corpus = TestCorpora.of(
                List.of(1),
                new String[] {"尊重网络主权。", "维护和平安全，网络安全。", "促进开放合作。", "构建良好秩序。"},
                new String[] {"互联互通。", "網絡主權与网络安全。"});
        LuceneSearchIndex index = LuceneSearchIndex.build(corpus);
        List<String> queries = List.of("网络", "网络主权", "安全", "in:2 网络", "互聯互通", "秩序", "网路");
        List<SearchResult> expected =
                queries.stream().map(q -> search(index, q)).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        for (int i = 0; i < queries.size(); i++) {
                            if (!search(index, queries.get(i)).equals(expected.get(i))) return false;
                            index.suggest(queries.get(i), 5);
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs)
                assertThat(run.get(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected.get(1).hits()).extracting(h -> h.ref().position()).containsExactly("1.1", "2.2");
        assertThat(expected.get(1).hits().get(1).snippet()).contains(Span.match("網絡主權"));
    }
}
