package org.excerptbot.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.junit.jupiter.api.Test;

class ScriptConverterTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final ScriptConverter CONVERTER = ScriptConverter.hongKong();
    private static final Texts ZH = Messages.load().texts(Messages.CHINESE);

    private static String paragraph(String position) {
        ParagraphRef ref = ParagraphRef.parse(position).orElseThrow();
        return CORPUS.paragraphs()
                .filter(p -> p.ref().equals(ref))
                .findFirst()
                .orElseThrow()
                .text();
    }

    @Test
    void a_paragraph_of_the_speech_is_converted_character_by_character_keeping_its_words() {
        String simplified = paragraph("1.11");
        String traditional = CONVERTER.toTraditional(simplified);
        assertThat(traditional)
                .startsWith("——維護和平安全。一個安全穩定繁榮的網絡空間，對各國乃至世界都具有重大意義。")
                .contains("不應成為各國角力的戰場")
                .contains("都應該根據相關法律和國際公約予以堅決打擊")
                .as("the words stay the speaker's: no Taiwan vocabulary (網路, 駭客)")
                .contains("網絡空間")
                .contains("黑客攻擊")
                .doesNotContain("網路")
                .doesNotContain("駭客");
        assertThat(traditional).hasSameSizeAs(simplified);
        assertThat(CONVERTER.toTraditional("在第二届世界互联网大会开幕式上的讲话")).isEqualTo("在第二屆世界互聯網大會開幕式上的講話");
        assertThat(CONVERTER.toTraditional("principle 2, 1.11")).isEqualTo("principle 2, 1.11");
    }

    @Test
    void a_reply_is_converted_in_its_text_citation_and_labels_but_not_in_its_button_data_or_pictures() {
        Picture card = new Picture(new byte[] {1, 2, 3}, "card.png", 10, 10, "卡片", "说明");
        Reply reply = new Reply(
                Reply.Kind.CONTENT,
                Optional.of("阅读 1.11"),
                List.of(Section.cited(
                        List.of(Span.plain("网络空间"), Span.match("安全")),
                        Citations.of(CORPUS, new ParagraphRef(1, 11), ZH))),
                List.of(List.of(new Action("📖 阅读全段", "read 1 11"), new Action("🔖 收藏", "save 1.11"))),
                List.of(card),
                false);
        Reply converted = CONVERTER.toTraditional(reply, ZH);
        assertThat(converted.title()).contains("閲讀 1.11");
        assertThat(converted.sections().get(0).spans()).containsExactly(Span.plain("網絡空間"), Span.match("安全"));
        assertThat(converted.sections().get(0).citation().orElseThrow().line())
                .isEqualTo("習近平《在第二屆世界互聯網大會開幕式上的講話》，2015-12-16 · 1.11（繁體轉換）");
        assertThat(converted.allActions())
                .extracting(Action::label, Action::data)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("📖 閲讀全段", "read 1 11"),
                        org.assertj.core.groups.Tuple.tuple("🔖 收藏", "save 1.11"));
        assertThat(converted.pictures()).containsExactly(card);
        assertThat(converted.personal()).isFalse();
    }

    @Test
    void an_english_citation_keeps_the_space_before_its_conversion_note() {
        Texts en = Messages.load().texts(Locale.ENGLISH);
        Citation converted = CONVERTER.toTraditional(Citations.of(CORPUS, new ParagraphRef(1, 11), en), en);
        assertThat(converted.line()).endsWith("1.11 (converted to traditional characters)");
    }

    @Test
    void a_personal_reply_stays_personal_once_converted() {
        Reply saved = Reply.builder(Reply.Kind.NOTICE)
                .section(Section.text("已收藏 1.11"))
                .personal()
                .build();
        Reply converted = CONVERTER.toTraditional(saved, ZH);
        assertThat(converted.plainText()).isEqualTo("已收藏 1.11");
        assertThat(converted.personal()).isTrue();
    }
}
