package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.excerptbot.core.search.TestCorpora.matches;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden set: searches over the packaged corpus with the paragraphs they must find. The expected sets were written
 * from reading the text (grep over the parsed paragraphs), never from this implementation's output; where a case is a
 * plain substring search, the test also recomputes its set by brute force over the paragraphs, without any folding.
 */
class SearchGoldenTest {
    private static Corpus corpus;
    private static LuceneSearchIndex index;

    @BeforeAll
    static void build() {
        corpus = CorpusLoader.loadPackaged();
        index = LuceneSearchIndex.build(corpus);
    }

    /**
     * One golden case.
     *
     * @param needles for brute-force checkable cases: the substrings that must all be in a paragraph (as written in the
     *     simplified, half-width source), else empty
     */
    record Golden(String what, String query, List<String> expected, List<String> needles, Optional<Integer> in) {
        @Override
        public String toString() {
            return what + ": " + query;
        }
    }

    private static Golden exact(String what, String query, String expected, String... needles) {
        return golden(what, query, expected, Optional.empty(), needles);
    }

    private static Golden golden(String what, String query, String expected, Optional<Integer> in, String... needles) {
        List<String> positions =
                expected.isBlank() ? List.of() : List.of(expected.strip().split("\\s+"));
        return new Golden(what, query, positions, List.of(needles), in);
    }

    static Stream<Golden> goldenSet() {
        return Stream.of(
                // exact phrases
                exact("phrase", "互联互通", "1.16 1.22 2.5 2.6 4.2 4.4 4.6", "互联互通"),
                exact("phrase", "网络主权", "1.10 2.5 3.2 3.4", "网络主权"),
                exact("phrase", "尊重网络主权", "1.10 2.5 3.2 3.4", "尊重网络主权"),
                exact("phrase", "法外之地", "1.13 2.5 3.4", "法外之地"),
                exact("phrase", "习近平", "2.2 2.5 3.2 4.2", "习近平"),
                exact("phrase", "宽带中国", "1.16", "宽带中国"),
                exact("phrase", "命运共同体", "1.15 2.2 2.5 2.6 3.6 4.2 4.3 4.4 4.5 4.6", "命运共同体"),
                exact("phrase inside a word", "联互", "1.16 1.22 2.5 2.6 4.2 4.4 4.6", "联互"),
                exact("no phrase across punctuation", "互联信息", ""),
                exact("no phrase across punctuation", "在于互联信息的价值", ""),
                exact("quoted", "\"天下兼相爱则治，交相恶则乱\"", "1.12 3.5", "天下兼相爱则治，交相恶则乱"),
                exact("chinese quotes", "“凡益之道，与时偕行”", "1.22 4.6", "凡益之道，与时偕行"),
                exact("corner quotes", "「志合者」", "3.6", "志合者"),
                exact("full-width quotes", "＂凡益之道＂", "1.22 4.6", "凡益之道"),
                // punctuation is not compared: 1.1 has 各位嘉宾，各位朋友：
                exact("punctuation is not compared", "各位嘉宾、各位朋友！", "1.1 1.7 1.14 1.21"),
                // traditional characters
                exact("traditional", "互聯互通", "1.16 1.22 2.5 2.6 4.2 4.4 4.6", "互联互通"),
                exact("traditional", "網絡主權", "1.10 2.5 3.2 3.4", "网络主权"),
                exact("traditional", "命運共同體", "1.15 2.2 2.5 2.6 3.6 4.2 4.3 4.4 4.5 4.6", "命运共同体"),
                exact("traditional", "資訊鴻溝", ""),
                exact("traditional", "信息鴻溝", "1.8 1.16 3.3 4.5", "信息鸿沟"),
                exact("traditional single character", "鄉", "2.2", "乡"),
                // widths, case, digits
                exact("full-width latin", "ＧＤＰ", "2.4", "GDP"),
                exact("lower case", "gdp", "2.4", "GDP"),
                exact("digits", "13亿", "1.6 2.4", "13亿"),
                exact("digits with the source's space", "13 亿", "1.6 2.4", "13亿"),
                exact("full-width digits", "１３亿", "1.6 2.4", "13亿"),
                exact("decimal", "6.7 亿网民", "1.5 2.4", "6.7亿网民"),
                exact("digits and characters", "2.8万亿元", "2.4", "2.8万亿元"),
                exact("a year", "2020 年", "1.16", "2020年"),
                exact("a number is a whole word", "3亿", ""),
                // symbols that are part of a term
                exact("a plus sign is part of the term", "互联网+", "1.6 1.18 2.4", "互联网+"),
                exact("a full-width plus is the half-width one", "互联网＋", "1.6 1.18 2.4", "互联网+"),
                exact("a quoted coinage", "“互联网+”", "1.6 1.18 2.4", "互联网+"),
                exact("a coinage and another term", "互联网+ 行动计划", "1.6 1.18 2.4", "互联网+", "行动计划"),
                exact("a coinage holds only as written", "互联网+治理", ""),
                exact("a dotted number", "6.7", "1.5 2.4", "6.7"),
                exact("a full stop after a term is punctuation", "网络主权.", "1.10 2.5 3.2 3.4", "网络主权"),
                exact("a dash around a term is punctuation", "-网络主权-", "1.10 2.5 3.2 3.4", "网络主权"),
                // several terms
                exact("and", "互联 互通", "1.16 1.22 2.5 2.6 4.2 4.4 4.6", "互联", "互通"),
                exact("and", "同舟共济 零和", "1.12 2.5", "同舟共济", "零和"),
                exact("and", "网络主权 宽带中国", ""),
                exact(
                        "and",
                        "互联网 治理",
                        "1.4 1.5 1.8 1.9 1.10 1.12 1.20 2.2 2.3 2.4 2.5 3.2 3.3 3.4 3.5 3.6 4.2 4.4 4.5",
                        "互联网",
                        "治理"),
                exact("and, traditional and simplified mixed", "網絡主權 习近平", "2.5 3.2", "网络主权", "习近平"),
                // filters
                golden("filter", "in:1 网络主权", "1.10", Optional.of(1), "网络主权"),
                golden("filter", "in:3 网络主权", "3.2 3.4", Optional.of(3), "网络主权"),
                golden("filter", "in:2 互联互通", "2.5 2.6", Optional.of(2), "互联互通"),
                golden("filter, traditional", "in:4 互聯互通", "4.2 4.4 4.6", Optional.of(4), "互联互通"),
                golden(
                        "filter, several terms",
                        "网络空间 in:4 命运共同体",
                        "4.2 4.3 4.4 4.5 4.6",
                        Optional.of(4),
                        "网络空间",
                        "命运共同体"),
                golden("filter", "in:1 共享共治", "1.20 1.22", Optional.of(1), "共享共治"),
                golden("filter hides all", "in:2 宽带中国", "", Optional.of(2)),
                // single characters
                exact("single character", "乌", "1.2 1.3", "乌"),
                exact("single character", "镇", "1.2 1.3 2.2", "镇"),
                exact("single character", "霸", "1.10", "霸"),
                exact("single character", "網", corpusPositionsContaining("网"), "网"),
                golden("single character, filter", "in:3 鸿", "3.3", Optional.of(3), "鸿"),
                // nothing
                exact("nothing", "人工智能", ""),
                exact("nothing", "网路主权", ""),
                exact("nothing", "互连互通", ""),
                exact("nothing", "猫", ""));
    }

    /** Positions of every paragraph holding the text, by brute force; for cases too long to write out. */
    private static String corpusPositionsContaining(String text) {
        return String.join(
                " ",
                CorpusLoader.loadPackaged()
                        .paragraphs()
                        .filter(p -> p.text().contains(text))
                        .map(p -> p.ref().position())
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenSet")
    void the_golden_set_finds_exactly_the_expected_paragraphs(Golden g) {
        SearchResult result = index.search(SearchQuery.parse(g.query()), 0, 100);

        assertThat(new TreeSet<>(TestCorpora.positions(result)))
                .as(g.toString())
                .isEqualTo(new TreeSet<>(g.expected()));
        assertThat(result.total()).isEqualTo(g.expected().size());
        if (!g.needles().isEmpty()) {
            assertThat(bruteForce(g.needles(), g.in()))
                    .as("the hand-written set agrees with a substring search")
                    .isEqualTo(new TreeSet<>(g.expected()));
        }
        for (SearchHit hit : result.hits()) {
            assertThat(matches(hit)).as(g + " in " + hit.ref()).isNotEmpty();
        }
        if (g.expected().isEmpty()) {
            assertThat(result.hits()).isEmpty();
        }
    }

    private static Set<String> bruteForce(List<String> needles, Optional<Integer> in) {
        Set<String> out = new TreeSet<>();
        corpus.paragraphs()
                .filter(p -> in.map(d -> p.ref().document() == d).orElse(true))
                .filter(p -> needles.stream().allMatch(n -> p.text().contains(n)))
                .forEach(p -> out.add(p.ref().position()));
        return out;
    }

    @Test
    void every_exact_run_of_chinese_characters_is_found_in_every_paragraph_that_has_it() {
        // Recall and precision against brute force: every clause of the corpus, and 1500 random runs inside them,
        // through the same query path as search() but without snippets, to keep the build fast.
        List<String> runs = new ArrayList<>();
        for (Paragraph p : corpus.paragraphs().toList()) {
            for (String clause : p.text().split("[^\\p{IsHan}]+")) {
                if (!clause.isEmpty()) runs.add(clause);
            }
        }
        Set<String> needles = new LinkedHashSet<>(runs);
        SplittableRandom random = new SplittableRandom(20151216);
        while (needles.size() < runs.size() + 1500) {
            String run = runs.get(random.nextInt(runs.size()));
            int start = random.nextInt(run.length());
            int end = Math.min(run.length(), start + 1 + random.nextInt(8));
            needles.add(run.substring(start, end));
        }
        for (String needle : needles) {
            Set<String> found = new TreeSet<>();
            index.allMatches(SearchQuery.parse(needle)).forEach(r -> found.add(r.position()));
            assertThat(found).as(needle).isEqualTo(bruteForce(List.of(needle), Optional.empty()));
        }
        assertThat(needles).hasSizeGreaterThan(1500);
    }

    @Test
    void snippets_mark_the_phrase_as_written_and_stay_short_in_long_paragraphs() {
        SearchResult result = index.search(SearchQuery.parse("網絡主權"), 0, 10);
        for (SearchHit hit : result.hits()) {
            assertThat(matches(hit)).containsOnly("网络主权");
            String text = corpus.paragraph(hit.ref()).orElseThrow().text();
            String shown = TestCorpora.marked(hit).replace("【", "").replace("】", "");
            if (text.length() > Snippets.WHOLE) {
                assertThat(shown.length()).isLessThan(text.length());
                assertThat(text).contains(shown.replace(Snippets.ELLIPSIS, ""));
            } else {
                assertThat(shown).isEqualTo(text);
            }
        }
        SearchHit longest =
                index.search(SearchQuery.parse("in:2 网络主权"), 0, 1).hits().get(0);
        assertThat(longest.ref()).isEqualTo(new ParagraphRef(2, 5));
        assertThat(TestCorpora.marked(longest)).contains("“尊重【网络主权】、维护和平安全");
    }

    @Test
    void several_terms_are_all_marked() {
        SearchHit hit = index.search(SearchQuery.parse("同舟共济 零和"), 0, 1).hits().get(0);
        assertThat(matches(hit)).contains("同舟共济", "零和");
    }

    @Test
    void nothing_found_suggests_the_nearest_terms_that_occur() {
        assertThat(suggestionsFor("网路主权")).contains("网络主权");
        assertThat(suggestionsFor("互连互通")).first().isEqualTo("互联互通");
        assertThat(suggestionsFor("網路主權")).contains("网络主权");
        assertThat(suggestionsFor("网络主权 宽带中国")).containsExactly("网络主权", "宽带中国");
        assertThat(suggestionsFor("in:2 宽带中国")).containsExactly("in:1 宽带中国");
        assertThat(suggestionsFor("互联信息")).containsExactly("互联", "信息");
        assertThat(suggestionsFor("人工智能")).isNotEmpty().allMatch(s -> corpus.paragraphs()
                .anyMatch(p -> p.text().contains(s)));
        assertThat(suggestionsFor("火星殖民")).as("火 is only in 战火硝烟, once").containsExactly("民主");
        for (String q : List.of("网路主权", "互连互通", "人工智能", "互联信息", "火星殖民")) {
            for (String s : suggestionsFor(q)) {
                assertThat(index.search(SearchQuery.parse(s), 0, 1).total())
                        .as(q + " -> " + s)
                        .isPositive();
            }
        }
    }

    private static List<String> suggestionsFor(String raw) {
        SearchResult result = index.search(SearchQuery.parse(raw), 0, 5);
        assertThat(result.total()).as(raw).isZero();
        return result.suggestions();
    }

    @Test
    void autocomplete_offers_corpus_phrases_that_hold_what_was_typed() {
        List<String> found = index.suggest("互聯互通", 25);
        assertThat(found).isNotEmpty().hasSizeLessThanOrEqualTo(25).allMatch(s -> s.contains("互联互通"));
        assertThat(found).contains("促进互联互通");
        assertThat(index.suggest("尊重", 25)).first().asString().startsWith("尊重");
        assertThat(index.suggest("网", 100)).hasSize(25);
        assertThat(index.suggest("网", 3)).hasSize(3);
        assertThat(index.suggest("", 5)).hasSize(5);
        assertThat(index.suggest("in:3 尊重", 25))
                .isNotEmpty()
                .allMatch(s -> s.startsWith("in:3 尊重") || s.startsWith("in:3 ") && s.contains("尊重"));
        assertThat(index.suggest("网路主权", 5)).contains("网络主权");
        for (String s : index.suggest("网络", 25)) {
            assertThat(s.length()).isLessThanOrEqualTo(100);
            assertThat(index.search(SearchQuery.parse(s), 0, 1).total()).as(s).isPositive();
        }
    }
}
