package org.excerptbot.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Citation;
import org.junit.jupiter.api.Test;

/** What the renderer hands out: PNG files within the platforms' limits, the same bytes for the same content. */
class CardRendererTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final Paragraph LONGEST = CardPreview.longestParagraph(CORPUS);

    private static CardContent paragraph(Paragraph p) {
        return CardPreview.of(CORPUS, p, Locale.CHINESE);
    }

    /** The three longest paragraphs in one passage, too long for one card even at the smallest size. */
    private static CardContent longPassage() {
        String text = CORPUS.paragraphs()
                .sorted((a, b) -> b.length() - a.length())
                .limit(3)
                .map(Paragraph::text)
                .collect(Collectors.joining());
        return CardPreview.of(CORPUS, LONGEST.ref(), text, Locale.CHINESE);
    }

    private static BufferedImage decode(Card card) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(card.png()));
    }

    /** The chunk types of a PNG file, in order. */
    private static List<String> chunks(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        while (b.remaining() >= 12) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            types.add(new String(type, StandardCharsets.US_ASCII));
            b.position(b.position() + length + 4);
        }
        return types;
    }

    @Test
    void the_longest_paragraph_fits_one_card_within_every_limit_by_shrinking_the_type() throws IOException {
        CardRenderer renderer = new CardRenderer(0);
        assertThat(renderer.layoutAt(paragraph(LONGEST), CardRenderer.MAX_SIZE)).hasSizeGreaterThan(1);
        List<CardLayout> layouts = renderer.layout(paragraph(LONGEST));
        assertThat(layouts).hasSize(1);
        assertThat(layouts.get(0).passageSize())
                .isLessThan(CardRenderer.MAX_SIZE)
                .isGreaterThanOrEqualTo(36);
        for (Theme theme : Theme.values()) {
            List<Card> cards = renderer.render(paragraph(LONGEST), theme);
            assertThat(cards).hasSize(1);
            Card card = cards.get(0);
            assertThat(CardLimits.fits(card.width(), card.height(), card.size()))
                    .isTrue();
            assertThat(card.width()).isEqualTo(1080);
            assertThat(card.height()).isLessThanOrEqualTo(1920);
            assertThat(card.size()).isLessThan(10_000_000);
            BufferedImage image = decode(card);
            assertThat(image.getWidth()).isEqualTo(card.width());
            assertThat(image.getHeight()).isEqualTo(card.height());
            assertThat(card.index()).isEqualTo(1);
            assertThat(card.count()).isEqualTo(1);
        }
    }

    @Test
    void a_passage_too_long_for_one_card_is_split_into_numbered_cards_at_sentence_ends() {
        CardRenderer renderer = new CardRenderer(0);
        CardContent content = longPassage();
        List<CardLayout> layouts = renderer.layout(content);
        assertThat(layouts).hasSizeGreaterThan(1);
        String joined = layouts.stream().flatMap(l -> l.passageLines().stream()).collect(Collectors.joining());
        assertThat(joined).isEqualTo(content.passage());
        for (CardLayout layout : layouts.subList(0, layouts.size() - 1)) {
            List<String> lines = layout.passageLines();
            assertThat(lines.get(lines.size() - 1)).matches(".*[。！？；]”?$");
        }

        List<Card> cards = renderer.render(content, Theme.LIGHT);
        assertThat(cards).hasSize(layouts.size());
        for (int i = 0; i < cards.size(); i++) {
            Card card = cards.get(i);
            assertThat(card.index()).isEqualTo(i + 1);
            assertThat(card.count()).isEqualTo(cards.size());
            assertThat(card.fileName()).isEqualTo("card-" + (i + 1) + "-of-" + cards.size() + ".png");
            assertThat(CardLimits.fits(card.width(), card.height(), card.size()))
                    .isTrue();
        }
    }

    @Test
    void a_passage_that_needs_several_cards_at_any_size_keeps_the_largest_type_that_needs_no_more() {
        CardRenderer renderer = new CardRenderer(0);
        CardContent content = longPassage();
        List<CardLayout> chosen = renderer.layout(content);
        int size = (int) chosen.get(0).passageSize();
        assertThat(chosen).hasSameSizeAs(renderer.layoutAt(content, CardRenderer.MIN_SIZE));
        if (size < CardRenderer.MAX_SIZE) {
            assertThat(renderer.layoutAt(content, size + 2)).hasSizeGreaterThan(chosen.size());
        }
        assertThat(chosen).allSatisfy(l -> assertThat(l.passageSize()).isEqualTo(size));
    }

    @Test
    void the_same_content_gives_the_same_bytes_and_the_png_carries_no_time_stamp() {
        for (Theme theme : Theme.values()) {
            List<Card> first = new CardRenderer(0).render(paragraph(LONGEST), theme);
            List<Card> second = new CardRenderer(0).render(paragraph(LONGEST), theme);
            assertThat(second.get(0).png()).isEqualTo(first.get(0).png());
            assertThat(chunks(first.get(0).png())).containsExactly("IHDR", "PLTE", "IDAT", "IEND");
        }
    }

    @Test
    void the_png_decodes_to_the_painted_card() throws IOException {
        CardRenderer renderer = new CardRenderer(0);
        for (Theme theme : Theme.values()) {
            CardLayout layout = renderer.layout(paragraph(LONGEST)).get(0);
            BufferedImage painted = CardPainter.paint(layout, theme);
            BufferedImage decoded =
                    decode(renderer.render(paragraph(LONGEST), theme).get(0));
            int worst = 0;
            for (int y = 0; y < painted.getHeight(); y++) {
                for (int x = 0; x < painted.getWidth(); x++) {
                    int a = painted.getRGB(x, y);
                    int b = decoded.getRGB(x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        worst = Math.max(worst, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
                    }
                }
            }
            assertThat(worst).as(theme.name()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void the_themes_paint_their_own_background_and_ink() throws IOException {
        CardRenderer renderer = new CardRenderer(0);
        BufferedImage light =
                decode(renderer.render(paragraph(LONGEST), Theme.LIGHT).get(0));
        BufferedImage dark =
                decode(renderer.render(paragraph(LONGEST), Theme.DARK).get(0));
        assertThat(light.getRGB(0, 0) & 0xffffff).isEqualTo(Theme.LIGHT.background.getRGB() & 0xffffff);
        assertThat(dark.getRGB(0, 0) & 0xffffff).isEqualTo(Theme.DARK.background.getRGB() & 0xffffff);
        // The accent bar sits at the top left of the content area.
        int accentY = CardRenderer.MARGIN_TOP + 3;
        int accentX = CardRenderer.MARGIN_X + 30;
        assertThat(light.getRGB(accentX, accentY) & 0xffffff).isEqualTo(Theme.LIGHT.accent.getRGB() & 0xffffff);
    }

    @Test
    void a_card_asked_for_again_comes_from_the_cache_and_the_cache_is_bounded() {
        CardRenderer renderer = new CardRenderer(1);
        CardContent a = paragraph(LONGEST);
        CardContent b =
                CardPreview.of(CORPUS, CardPreview.shortestExcerpt(CORPUS).ref(), "互联网是人类的共同家园。", Locale.CHINESE);
        List<Card> first = renderer.render(a, Theme.LIGHT);
        assertThat(renderer.render(a, Theme.LIGHT)).isSameAs(first);
        assertThat(renderer.render(a, Theme.DARK)).isNotSameAs(first);
        renderer.render(b, Theme.LIGHT);
        List<Card> again = renderer.render(a, Theme.LIGHT);
        assertThat(again).isNotSameAs(first);
        assertThat(again.get(0).png()).isEqualTo(first.get(0).png());
    }

    @Test
    void without_a_cache_every_call_renders() {
        CardRenderer renderer = new CardRenderer(0);
        assertThat(renderer.render(paragraph(LONGEST), Theme.LIGHT))
                .isNotSameAs(renderer.render(paragraph(LONGEST), Theme.LIGHT));
    }

    @Test
    void renders_from_several_threads_at_once_give_the_cards_of_a_lone_render() throws Exception {
        List<CardContent> contents =
                CORPUS.paragraphs().limit(8).map(CardRendererTest::paragraph).toList();
        List<byte[]> alone = new ArrayList<>();
        for (CardContent c : contents)
            alone.add(new CardRenderer(0).render(c, Theme.DARK).get(0).png());
        CardRenderer shared = new CardRenderer(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Card>>> futures = new ArrayList<>();
            for (CardContent c : contents) futures.add(pool.submit(() -> shared.render(c, Theme.DARK)));
            for (int i = 0; i < contents.size(); i++) {
                assertThat(futures.get(i).get().get(0).png()).isEqualTo(alone.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_card_hands_out_a_copy_of_its_bytes() {
        Card card = new CardRenderer(0).render(paragraph(LONGEST), Theme.LIGHT).get(0);
        byte[] png = card.png();
        png[0] = 0;
        assertThat(card.png()[0]).isEqualTo((byte) 0x89);
        assertThat(card.fileName()).isEqualTo("card.png");
    }

    @Test
    void an_english_citation_is_dated_in_english() {
        CardRenderer renderer = new CardRenderer(0);
        CardContent english = CardPreview.of(CORPUS, LONGEST, Locale.ENGLISH);
        CardContent chinese = paragraph(LONGEST);
        assertThat(english.citation().title()).isNotEqualTo(chinese.citation().title());
        // The English title is longer, so its citation takes more lines and the card more height.
        assertThat(renderer.layout(english).get(0).height())
                .isGreaterThanOrEqualTo(renderer.layout(chinese).get(0).height());
    }

    @Test
    void content_for_an_excerpt_is_cited_in_the_readers_language() {
        var excerpt = CardPreview.shortestExcerpt(CORPUS);
        CardContent english = CardContent.of(CORPUS, excerpt, Messages.load().texts(Locale.ENGLISH), "bot");
        CardContent chinese = CardContent.of(CORPUS, excerpt, Messages.load().texts(Locale.CHINESE), "bot");
        var info = CORPUS.info(excerpt.ref());
        assertThat(english.citation().title()).isEqualTo(info.titleEn());
        assertThat(english.locale().getLanguage()).isEqualTo("en");
        assertThat(chinese.citation().title()).isEqualTo(info.title());
        assertThat(chinese.citation().position()).hasValue(excerpt.ref().position());
        assertThat(chinese.passage()).isEqualTo(excerpt.text());
    }

    @Test
    void content_is_checked_and_the_messages_name_the_argument() {
        Citation citation = paragraph(LONGEST).citation();
        assertThatThrownBy(() -> new CardContent(" ", citation, "bot", Locale.CHINESE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("passage:");
        assertThatThrownBy(
                        () -> new CardContent("网".repeat(CardContent.MAX_PASSAGE + 1), citation, "bot", Locale.CHINESE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("passage:")
                .hasMessageContaining("was " + (CardContent.MAX_PASSAGE + 1));
        assertThatThrownBy(() -> new CardContent("网", citation, "", Locale.CHINESE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("botName:");
        assertThatThrownBy(() -> new CardContent("网", null, "bot", Locale.CHINESE))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("citation");
        assertThatThrownBy(() -> new CardRenderer(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cacheSize:");
    }

    @Test
    void the_longest_passage_accepted_renders_within_the_limits() {
        String text = String.join(
                "", java.util.Collections.nCopies(CardContent.MAX_PASSAGE / LONGEST.length(), LONGEST.text()));
        CardContent content = CardPreview.of(CORPUS, LONGEST.ref(), text, Locale.CHINESE);
        List<CardLayout> layouts = new CardRenderer(0).layout(content);
        assertThat(layouts).allSatisfy(l -> assertThat(l.height()).isLessThanOrEqualTo(CardLimits.MAX_HEIGHT));
        assertThat(layouts.stream().flatMap(l -> l.passageLines().stream()).collect(Collectors.joining()))
                .isEqualTo(text);
    }

    @Test
    void a_character_no_face_has_is_drawn_without_failing() {
        Citation citation = paragraph(LONGEST).citation();
        List<Card> cards =
                new CardRenderer(0).render(new CardContent("龘𪚥", citation, "bot", Locale.CHINESE), Theme.LIGHT);
        assertThat(cards).hasSize(1);
    }
}
