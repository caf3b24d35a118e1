package org.excerptbot.core.excerpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.junit.jupiter.api.Test;

class ExcerptPoolTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final ExcerptPool POOL = ExcerptPool.build(CORPUS);

    @Test
    void excerpts_are_whole_sentences_of_the_paragraph() {
        assertThat(POOL.size()).isGreaterThan(60);
        for (Excerpt e : POOL.all()) {
            var p = CORPUS.paragraph(e.ref()).orElseThrow();
            StringBuilder expected = new StringBuilder();
            for (int i = e.firstSentence(); i <= e.lastSentence(); i++) {
                expected.append(p.sentences().get(i - 1).text());
            }
            assertThat(e.text()).as(e.id()).isEqualTo(expected.toString());
            assertThat(p.text()).contains(e.text());
        }
    }

    @Test
    void excerpts_are_mostly_between_40_and_220_characters() {
        long inRange = POOL.all().stream()
                .filter(e -> e.length() >= 40 && e.length() <= 220)
                .count();
        assertThat(inRange).isGreaterThanOrEqualTo(POOL.size() * 9 / 10);
        assertThat(POOL.all()).allSatisfy(e -> assertThat(e.length()).as(e.id()).isBetween(10, 260));
    }

    @Test
    void no_excerpt_is_cut_inside_quotes() {
        assertThat(POOL.all()).allSatisfy(e -> assertThat(
                        e.text().chars().filter(c -> c == '“').count())
                .as(e.id())
                .isEqualTo(e.text().chars().filter(c -> c == '”').count()));
    }

    @Test
    void salutations_and_closings_are_not_excerpts() {
        assertThat(POOL.all())
                .noneMatch(e -> e.text().startsWith("尊敬的")
                        || e.text().contains("各位嘉宾、各位朋友")
                        || e.text().startsWith("最后，预祝")
                        || e.text().equals("谢谢大家。"));
    }

    @Test
    void ids_are_unique_stable_and_name_their_position() {
        Set<String> ids = new HashSet<>();
        POOL.all().forEach(e -> assertThat(ids.add(e.id())).as(e.id()).isTrue());
        ExcerptPool again = ExcerptPool.build(CorpusLoader.loadPackaged());
        assertThat(again.all()).isEqualTo(POOL.all());
        assertThat(POOL.all()).allSatisfy(e -> assertThat(e.id())
                .matches("\\d\\.\\d{1,2}\\.\\d{1,2}(-\\d{1,2})?")
                .startsWith(e.ref().position() + "."));
        Excerpt first = POOL.get(0);
        assertThat(POOL.byId(first.id())).contains(first);
        assertThat(POOL.indexOf(first.id())).isZero();
        assertThat(POOL.byId("9.9.9")).isEmpty();
    }

    @Test
    void a_short_heading_sentence_is_joined_to_what_follows() {
        assertThat(POOL.all())
                .filteredOn(e -> e.ref().position().equals("1.10"))
                .first()
                .satisfies(e -> assertThat(e.text()).startsWith("——尊重网络主权。《联合国宪章》"));
    }
}
