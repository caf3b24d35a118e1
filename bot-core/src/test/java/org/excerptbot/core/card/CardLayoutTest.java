package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.junit.jupiter.api.Test;

/**
 * The layout of every paragraph and every excerpt of the four texts: the Chinese line-breaking rules hold, nothing
 * is lost, no glyph leaves the content area.
 */
class CardLayoutTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final CardRenderer RENDERER = new CardRenderer(0);
    private static final String NOT_AT_START = "，。、；：？！”’）》」』】〕〉…—";
    private static final String NOT_AT_END = "“‘（《「『【〔〈";
    private static final Pattern WORD_END = Pattern.compile(".*[0-9A-Za-z][.,:\\-]?$");
    private static final Pattern WORD_START = Pattern.compile("^[0-9A-Za-z%].*");

    private record Passage(String name, CardContent content) {}

    private static List<Passage> passages() {
        List<Passage> out = new ArrayList<>();
        CORPUS.paragraphs()
                .forEach(p -> out.add(
                        new Passage("paragraph " + p.ref().position(), CardPreview.of(CORPUS, p, Locale.CHINESE))));
        ExcerptPool.build(CORPUS)
                .all()
                .forEach(e -> out.add(
                        new Passage("excerpt " + e.id(), CardPreview.of(CORPUS, e.ref(), e.text(), Locale.CHINESE))));
        return out;
    }

    /** Every passage's lines, card after card. */
    private static List<String> lines(CardContent content) {
        return RENDERER.layout(content).stream()
                .flatMap(l -> l.passageLines().stream())
                .toList();
    }

    @Test
    void the_corpus_has_the_cases_the_rules_are_for() {
        String all = String.join("", CORPUS.paragraphs().map(p -> p.text()).toList());
        assertThat(all).contains("6.7亿", "413万", "2.8万亿", "%", "——", "“", "《");
    }

    @Test
    void no_line_starts_with_closing_punctuation_or_ends_with_opening_punctuation() {
        List<String> violations = new ArrayList<>();
        for (Passage passage : passages()) {
            List<String> lines = lines(passage.content());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                // The first line starts where the passage does (a principle starts with its dash).
                if (i > 0 && NOT_AT_START.indexOf(line.charAt(0)) >= 0) {
                    violations.add(passage.name() + " starts: " + line);
                }
                if (NOT_AT_END.indexOf(line.charAt(line.length() - 1)) >= 0) {
                    violations.add(passage.name() + " ends: " + line);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void no_number_latin_word_dash_or_ellipsis_is_split_across_lines() {
        List<String> violations = new ArrayList<>();
        for (Passage passage : passages()) {
            List<String> lines = lines(passage.content());
            for (int i = 0; i + 1 < lines.size(); i++) {
                String a = lines.get(i);
                String b = lines.get(i + 1);
                char last = a.charAt(a.length() - 1);
                char first = b.charAt(0);
                boolean wordSplit =
                        WORD_END.matcher(a).matches() && WORD_START.matcher(b).matches();
                boolean unitSplit =
                        Character.isDigit(last) && Character.UnicodeScript.of(first) == Character.UnicodeScript.HAN;
                boolean markSplit = (last == '—' || last == '…') && first == last;
                if (wordSplit || unitSplit || markSplit) violations.add(passage.name() + ": " + a + " | " + b);
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void the_lines_hold_the_whole_passage_in_order() {
        for (Passage passage : passages()) {
            assertThat(String.join("", lines(passage.content())))
                    .as(passage.name())
                    .isEqualTo(passage.content().passage().replace(" ", ""));
        }
    }

    @Test
    void no_paragraph_ends_with_a_line_of_one_character() {
        List<String> widows = new ArrayList<>();
        for (Passage passage : passages()) {
            List<String> lines = lines(passage.content());
            String last = lines.get(lines.size() - 1);
            if (lines.size() > 1
                    && last.replaceAll("\\p{P}", "")
                                    .codePointCount(
                                            0, last.replaceAll("\\p{P}", "").length())
                            < 2) {
                widows.add(passage.name() + ": " + last);
            }
        }
        assertThat(widows).isEmpty();
    }

    @Test
    void every_glyph_lies_inside_the_content_area_and_the_content_area_inside_the_card() {
        for (Passage passage : passages()) {
            for (CardLayout layout : RENDERER.layout(passage.content())) {
                Rectangle2D content = layout.content();
                // A hundredth of a pixel for the float rounding of glyph outlines (the stretched dash).
                Rectangle2D tolerant = new Rectangle2D.Double(
                        content.getX() - 0.01,
                        content.getY() - 0.01,
                        content.getWidth() + 0.02,
                        content.getHeight() + 0.02);
                assertThat(content.getMinX()).isGreaterThanOrEqualTo(0);
                assertThat(content.getMinY()).isGreaterThanOrEqualTo(0);
                assertThat(content.getMaxX()).isLessThanOrEqualTo(layout.width());
                assertThat(content.getMaxY()).isLessThanOrEqualTo(layout.height());
                for (CardLayout.Ink ink : layout.inks()) {
                    Rectangle2D bounds = ink.bounds();
                    assertThat(tolerant.contains(bounds))
                            .as("%s: ink %s outside %s", passage.name(), bounds, content)
                            .isTrue();
                    // Painting a band skips the runs whose extent misses it.
                    assertThat(bounds.getMinY()).isGreaterThanOrEqualTo(ink.top());
                    assertThat(bounds.getMaxY()).isLessThanOrEqualTo(ink.bottom());
                }
            }
        }
    }

    @Test
    void every_card_keeps_the_size_limits_and_the_type_stays_between_36_and_48_px() {
        for (Passage passage : passages()) {
            for (CardLayout layout : RENDERER.layout(passage.content())) {
                assertThat(layout.width()).isEqualTo(CardLimits.WIDTH);
                assertThat(layout.height()).isBetween(CardRenderer.MIN_HEIGHT, CardLimits.MAX_HEIGHT);
                assertThat(layout.passageSize()).isBetween(36f, 48f);
            }
        }
    }
}
