package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.excerptbot.core.card.CardLayout.Ink;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.script.Script;
import org.junit.jupiter.api.Test;

/** A card of a traditional chat: the converted text, set in the TC faces, cited as converted, cached apart. */
class TraditionalCardsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final Texts ZH = Messages.load().texts(Locale.CHINESE);
    private static final Paragraph PROPOSAL_1 = CORPUS.proposals().get(0).paragraph();

    private static CardContent simplified() {
        return CardContent.of(CORPUS, PROPOSAL_1, ZH, CardPassages.botName(ZH));
    }

    private static Set<String> families(CardLayout layout) {
        return layout.inks().stream()
                .map(Ink::glyphs)
                .map(g -> g.getFont().getFamily(Locale.ENGLISH))
                .collect(Collectors.toSet());
    }

    @Test
    void the_content_is_converted_and_its_citation_marked_as_converted() {
        CardContent card = simplified().in(Script.TRADITIONAL, ZH);
        assertThat(card.script()).isEqualTo(Script.TRADITIONAL);
        assertThat(card.passage()).contains("網絡", "發展").doesNotContain("网络", "发展");
        assertThat(card.citation().title()).isEqualTo("在第二屆世界互聯網大會開幕式上的講話");
        assertThat(card.citation().note()).contains("（繁體轉換）");
        assertThat(card.botName()).isEqualTo("摘錄機器人");
        assertThat(card.in(Script.TRADITIONAL, ZH)).isSameAs(card);
        assertThatThrownBy(() -> card.in(Script.SIMPLIFIED, ZH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target");
    }

    @Test
    void a_traditional_card_is_set_in_the_tc_faces_alone_and_shows_the_note() {
        CardRenderer renderer = new CardRenderer(0);
        CardLayout layout =
                renderer.layout(simplified().in(Script.TRADITIONAL, ZH)).get(0);
        assertThat(families(layout)).containsExactlyInAnyOrder("Noto Serif CJK TC", "Noto Sans CJK TC");
        assertThat(String.join("", layout.passageLines())).startsWith("第一，加快全球網絡基礎設施建設");
        CardLayout plain = renderer.layout(simplified()).get(0);
        assertThat(families(plain)).containsExactlyInAnyOrder("Noto Serif CJK SC", "Noto Sans CJK SC");
    }

    @Test
    void every_paragraph_converted_is_set_without_a_fallback_face() {
        CardRenderer renderer = new CardRenderer(0);
        List<Paragraph> all = CORPUS.paragraphs().toList();
        for (Paragraph p : all) {
            CardContent card =
                    CardContent.of(CORPUS, p, ZH, CardPassages.botName(ZH)).in(Script.TRADITIONAL, ZH);
            for (CardLayout layout : renderer.layout(card)) {
                assertThat(families(layout))
                        .as("faces of %s", p.ref().position())
                        .containsOnly("Noto Serif CJK TC", "Noto Sans CJK TC");
            }
        }
    }

    @Test
    void the_renderer_keeps_a_simplified_and_a_traditional_card_apart() {
        CardRenderer renderer = new CardRenderer();
        Card plain = renderer.render(simplified(), Theme.LIGHT).get(0);
        Card converted = renderer.render(simplified().in(Script.TRADITIONAL, ZH), Theme.LIGHT)
                .get(0);
        assertThat(converted.png()).isNotEqualTo(plain.png());
        assertThat(renderer.render(simplified(), Theme.LIGHT).get(0).png()).isEqualTo(plain.png());
    }

    @Test
    void a_traditional_card_has_a_key_of_its_own() {
        CardKey key = CardKey.of("1.16", Theme.LIGHT, Locale.CHINESE, Script.TRADITIONAL);
        assertThat(key.value()).isEqualTo("1.16-light-hant");
        assertThat(key.path(CardKey.Rendition.JPEG)).isEqualTo("/cards/1.16-light-hant.jpg");
        assertThat(CardKey.parse("1.16-dark-en-hant"))
                .contains(new CardKey("1.16", Theme.DARK, true, Script.TRADITIONAL));
        assertThat(CardKey.parse("1.16-light")).contains(new CardKey("1.16", Theme.LIGHT, false));
        assertThat(CardKey.parse("1.16-light-hant-en")).isEmpty();
        assertThat(CardKey.of("1.16", Theme.LIGHT, Locale.CHINESE)).isNotEqualTo(key);
    }
}
