package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.util.TreeSet;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.script.ScriptConverter;
import org.junit.jupiter.api.Test;

class TraditionalCardsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final ScriptConverter CONVERTER = ScriptConverter.hongKong();

    /**
     * Why cards of a traditional chat are drawn from the simplified text: the shipped faces are subsets for the
     * simplified texts, and would show boxes for the converted ones.
     */
    @Test
    void the_card_faces_lack_the_converted_characters_so_cards_keep_the_simplified_text() {
        Font serif = CardFonts.serif();
        TreeSet<String> missing = new TreeSet<>();
        CORPUS.paragraphs().map(p -> CONVERTER.toTraditional(p.text())).forEach(t -> t.codePoints()
                .filter(cp -> !serif.canDisplay(cp))
                .forEach(cp -> missing.add(new String(Character.toChars(cp)))));
        assertThat(missing).contains("網", "護", "對");
        CORPUS.paragraphs().forEach(p -> assertThat(p.text().codePoints().allMatch(serif::canDisplay))
                .as("the simplified text a card shows is covered")
                .isTrue());
    }
}
