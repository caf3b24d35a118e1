package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.DocumentInfo;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptConverter;
import org.junit.jupiter.api.Test;

/**
 * The faces shipped for the cards have a glyph of their own for every character the cards can show: the four texts,
 * their titles and authors, and the interface strings. {@link Font#canDisplay} on a font made from a file answers
 * for that file alone, never for a fallback, so a missing character shows here rather than as a box on a card. The
 * TC faces are checked the same way against the same strings converted as a traditional chat reads them.
 */
class CardFontsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final String BUNDLE = "org.excerptbot.core.i18n.messages";

    private static List<String> texts() {
        List<String> out = new ArrayList<>();
        CORPUS.paragraphs().forEach(p -> out.add(p.text()));
        CORPUS.principles().forEach(p -> out.add(p.name()));
        CORPUS.proposals().forEach(p -> out.add(p.name()));
        for (var d : CORPUS.documents()) {
            DocumentInfo info = d.info();
            out.addAll(List.of(info.title(), info.author(), info.titleEn(), info.authorEn(), info.source()));
            info.subtitle().ifPresent(out::add);
            info.place().ifPresent(out::add);
        }
        return out;
    }

    /**
     * Every value of both bundles. The emoji of the button labels are left out: buttons are drawn by the
     * platforms' clients, never on a card.
     */
    private static List<String> interfaceStrings() {
        List<String> out = new ArrayList<>();
        ResourceBundle.Control noFallback =
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (Locale locale : List.of(Locale.ROOT, Locale.ENGLISH)) {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, noFallback);
            for (String key : Collections.list(bundle.getKeys())) {
                out.add(bundle.getString(key)
                        .codePoints()
                        .filter(cp -> cp < 0x1F000)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
            }
        }
        return out;
    }

    private static final ScriptConverter CONVERTER = ScriptConverter.hongKong();

    private static List<String> converted(List<String> strings) {
        return strings.stream().map(CONVERTER::toTraditional).toList();
    }

    private static Set<String> missing(Font font, List<String> strings) {
        Set<String> missing = new TreeSet<>();
        for (String s : strings) {
            s.codePoints()
                    .filter(cp -> !Character.isISOControl(cp) && !font.canDisplay(cp))
                    .forEach(cp -> missing.add(new String(Character.toChars(cp)) + " U+" + Integer.toHexString(cp)));
        }
        return missing;
    }

    @Test
    void the_faces_are_the_shipped_noto_subsets() {
        assertThat(CardFonts.serif().getFamily(Locale.ENGLISH)).isEqualTo("Noto Serif CJK SC");
        assertThat(CardFonts.sans().getFamily(Locale.ENGLISH)).isEqualTo("Noto Sans CJK SC");
        assertThat(CardFonts.class.getResource("OFL.txt")).isNotNull();
    }

    @Test
    void every_character_of_the_four_texts_has_a_glyph_in_both_faces() {
        assertThat(missing(CardFonts.serif(), texts())).isEmpty();
        assertThat(missing(CardFonts.sans(), texts())).isEmpty();
    }

    @Test
    void every_character_of_the_interface_strings_has_a_glyph_in_the_sans_face_that_backs_the_serif_one() {
        List<String> strings = interfaceStrings();
        assertThat(strings).hasSizeGreaterThan(100);
        assertThat(missing(CardFonts.sans(), strings)).isEmpty();
    }

    @Test
    void the_traditional_faces_are_the_shipped_noto_tc_subsets() {
        assertThat(CardFonts.serif(Script.TRADITIONAL).getFamily(Locale.ENGLISH))
                .isEqualTo("Noto Serif CJK TC");
        assertThat(CardFonts.sans(Script.TRADITIONAL).getFamily(Locale.ENGLISH)).isEqualTo("Noto Sans CJK TC");
        assertThat(CardFonts.serif(Script.SIMPLIFIED)).isSameAs(CardFonts.serif());
    }

    @Test
    void every_character_of_the_converted_texts_has_a_glyph_in_both_tc_faces() {
        List<String> converted = converted(texts());
        assertThat(String.join("", converted)).contains("網絡", "與", "發展");
        assertThat(missing(CardFonts.serif(Script.TRADITIONAL), converted)).isEmpty();
        assertThat(missing(CardFonts.sans(Script.TRADITIONAL), converted)).isEmpty();
    }

    @Test
    void every_character_of_the_converted_interface_strings_has_a_glyph_in_the_tc_sans_face() {
        List<String> strings = converted(interfaceStrings());
        assertThat(missing(CardFonts.sans(Script.TRADITIONAL), strings)).isEmpty();
    }

    @Test
    void the_check_sees_a_character_the_subset_left_out() {
        assertThat(missing(CardFonts.serif(Script.TRADITIONAL), List.of("龘"))).containsExactly("龘 U+9f98");
        // a simplified form the converted texts never show
        assertThat(missing(CardFonts.serif(Script.TRADITIONAL), List.of("网"))).containsExactly("网 U+7f51");
        assertThat(missing(CardFonts.serif(), List.of("龘"))).containsExactly("龘 U+9f98");
        assertThat(missing(CardFonts.sans(), List.of("龘"))).containsExactly("龘 U+9f98");
    }
}
