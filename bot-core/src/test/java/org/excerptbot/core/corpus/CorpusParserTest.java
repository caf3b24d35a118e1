package org.excerptbot.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.excerptbot.content.Content;
import org.junit.jupiter.api.Test;

/** The parser on the real source text. */
class CorpusParserTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();

    private static String text(int document, int paragraph) {
        return CORPUS.paragraph(new ParagraphRef(document, paragraph))
                .orElseThrow()
                .text();
    }

    @Test
    void each_document_has_its_body_paragraph_count() {
        assertThat(CORPUS.documents()).extracting(d -> d.body().size()).containsExactly(24, 6, 6, 6);
    }

    @Test
    void documents_carry_the_manifest_metadata() {
        assertThat(CORPUS.documents())
                .extracting(d -> d.info().title())
                .containsExactly("在第二届世界互联网大会开幕式上的讲话", "让互联网发展成果惠及全体人民", "建立新的全球互联网治理体系", "互联网是人类的共同家园");
        DocumentInfo speech = CORPUS.documents().get(0).info();
        assertThat(speech.author()).isEqualTo("习近平");
        assertThat(speech.delivered()).hasValueSatisfying(d -> assertThat(d).hasToString("2015-12-16"));
        assertThat(CORPUS.documents().get(3).info().subtitle()).hasValue("—— 三论“共同构建网络空间命运共同体”");
        assertThat(CORPUS.documents().get(3).info().published()).hasToString("2015-12-19");
    }

    @Test
    void bodies_start_after_the_byline_and_stop_before_the_source_line() {
        assertThat(text(1, 1)).startsWith("尊敬的侯赛因总统");
        assertThat(text(1, 24)).isEqualTo("谢谢大家。");
        assertThat(text(2, 1)).startsWith("作为20世纪最伟大的发明之一");
        assertThat(text(4, 6)).endsWith("人类的未来也会更加美好。");
        assertThat(CORPUS.paragraphs()).noneMatch(p -> p.text().startsWith("来源"));
        assertThat(CORPUS.paragraphs()).noneMatch(p -> p.text().equals("人民日报评论员"));
    }

    @Test
    void the_four_principles_are_found_from_the_dashes() {
        assertThat(CORPUS.principles()).extracting(Point::name).containsExactly("尊重网络主权", "维护和平安全", "促进开放合作", "构建良好秩序");
        assertThat(CORPUS.principles())
                .extracting(p -> p.paragraph().ref().position())
                .containsExactly("1.10", "1.11", "1.12", "1.13");
    }

    @Test
    void the_five_proposals_are_found_from_their_ordinals() {
        assertThat(CORPUS.proposals())
                .extracting(Point::name)
                .containsExactly(
                        "加快全球网络基础设施建设，促进互联互通",
                        "打造网上文化交流共享平台，促进交流互鉴",
                        "推动网络经济创新发展，促进共同繁荣",
                        "保障网络安全，促进有序发展",
                        "构建互联网治理体系，促进公平正义");
        assertThat(CORPUS.proposals())
                .extracting(p -> p.paragraph().ref().paragraph())
                .containsExactly(16, 17, 18, 19, 20);
    }

    @Test
    void wrapped_lines_are_joined_and_page_breaks_removed() {
        // "促进互联网和经济社会" / " 融合发展。" straddles a page break in the source
        assertThat(text(1, 6)).contains("促进互联网和经济社会融合发展。我们的目标");
        assertThat(text(1, 3)).contains("网上医院").doesNotContain(" ").doesNotContain("\n");
        assertThat(text(3, 3)).startsWith("互联网是一把“双刃剑”");
    }

    @Test
    void extraction_spaces_between_cjk_and_digits_or_latin_are_removed() {
        assertThat(text(1, 5)).contains("中国有6.7亿网民、413万多家网站").contains("自21年前接入国际互联网");
        assertThat(text(1, 6)).contains("惠及13亿多中国人民");
        assertThat(text(1, 15)).endsWith("我愿提出5点主张。");
        assertThat(text(2, 4))
                .contains("互联网经济GDP占比去年即达7%")
                .contains("10强中中国占了4家")
                .contains("大约2.8万亿元");
        assertThat(text(2, 2)).startsWith("12月16日，");
        assertThat(text(3, 1)).contains("用户数量达32亿的");
    }

    @Test
    void normaliser_keeps_other_spaces_verbatim() {
        assertThat(Normaliser.normalise("2015 年 12 月 17 日")).isEqualTo("2015年12月17日");
        assertThat(Normaliser.normalise("—— 一论")).isEqualTo("—— 一论");
        assertThat(Normaliser.normalise("GDP 7 per cent")).isEqualTo("GDP 7 per cent");
    }

    @Test
    void the_lost_character_is_restored_by_the_erratum_not_in_the_source() {
        assertThat(text(1, 14)).isEqualTo("各位嘉宾、各位朋友！");
        assertThat(text(1, 7)).isEqualTo("各位嘉宾、各位朋友！");
        assertThat(text(1, 21)).isEqualTo("各位嘉宾、各位朋友！");
        assertThat(CORPUS.errata()).singleElement().satisfies(e -> {
            assertThat(e.original()).isEqualTo("位嘉宾、各位朋友！");
            assertThat(e.ref().position()).isEqualTo("1.14");
        });
        String source = new String(Content.read(Content.CORPUS), StandardCharsets.UTF_8);
        assertThat(source).contains("\n位嘉宾、各位朋友！ \n");
    }

    @Test
    void an_erratum_that_does_not_match_fails_loudly() {
        Manifest manifest = Manifest.read(Content.open(Content.MANIFEST));
        Manifest wrong = new Manifest(
                manifest.source(), manifest.documents(), List.of(new Erratum(1, 13, "位嘉宾、各位朋友！", "x", "wrong place")));
        String source = new String(Content.read(Content.CORPUS), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CorpusParser.parse(source, wrong))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("1.13");
    }

    @Test
    void a_manifest_that_does_not_fit_the_text_fails_loudly() {
        String manifest =
                new String(Content.read(Content.MANIFEST), StandardCharsets.UTF_8).replace("建立新的全球互联网治理体系", "别的标题");
        Manifest m = Manifest.read(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        String source = new String(Content.read(Content.CORPUS), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CorpusParser.parse(source, m)).hasMessageContaining("别的标题");
    }

    @Test
    void sentences_split_at_terminators_but_never_inside_quotes() {
        Paragraph p = CORPUS.paragraph(new ParagraphRef(1, 12)).orElseThrow();
        assertThat(p.sentences()).extracting(Sentence::text).startsWith("——促进开放合作。", "“天下兼相爱则治，交相恶则乱。”");
        assertThat(CORPUS.paragraph(new ParagraphRef(2, 4))
                        .orElseThrow()
                        .sentences()
                        .get(0)
                        .text())
                .isEqualTo("“我们的目标，就是要让互联网发展成果惠及13亿多中国人民，更好造福各国人民。”");
        // semicolons inside the quoted list of proposals do not split this long sentence
        assertThat(CORPUS.paragraph(new ParagraphRef(2, 5))
                        .orElseThrow()
                        .sentences()
                        .get(3)
                        .text())
                .startsWith("习近平总书记提出")
                .endsWith("促进公平正义”。");
    }

    @Test
    void every_sentence_has_balanced_quotes_and_sentences_rebuild_the_paragraph() {
        CORPUS.paragraphs().forEach(p -> {
            StringBuilder joined = new StringBuilder();
            p.sentences().forEach(s -> {
                assertThat(count(s.text(), '“')).as(s.id()).isEqualTo(count(s.text(), '”'));
                joined.append(s.text());
            });
            assertThat(joined.toString()).isEqualTo(p.text());
        });
    }

    @Test
    void long_sentences_split_at_top_level_semicolons() {
        List<String> sentences = SentenceSplitter.split("甲".repeat(100) + "；" + "乙".repeat(100) + "。“丙；丁。”");
        assertThat(sentences).containsExactly("甲".repeat(100) + "；", "乙".repeat(100) + "。", "“丙；丁。”");
        assertThat(SentenceSplitter.split("短；句。")).containsExactly("短；句。");
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
