package org.excerptbot.core.card;

import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.excerptbot.core.card.CardLayout.Ink;
import org.excerptbot.core.card.CardLayout.Mark;
import org.excerptbot.core.card.CardLayout.Role;
import org.excerptbot.core.card.LineBreaker.Line;
import org.excerptbot.core.corpus.SentenceSplitter;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.script.Script;

/**
 * Renders a passage as PNG cards {@value CardLimits#WIDTH} px wide: the passage set in Noto Serif CJK SC (TC in
 * {@linkplain CardContent#script() traditional}), broken into lines by {@link LineBreaker} and justified; the
 * citation under it; the bot's name at the foot. The type shrinks from {@value #MAX_SIZE} px to {@value #MIN_SIZE}
 * px as long as that saves a card; a passage too long for one card even then goes on numbered cards ({@code 1/3}),
 * split at sentence ends where it can be, never clipped. Every card keeps {@link CardLimits}.
 *
 * <p>Rendering is deterministic (the same content and theme give the same bytes) and the last cards rendered are
 * kept, so a card asked for again is not rendered again; {@link CardPainter} paints and encodes them. Thread-safe;
 * build one and share it. Needs no display and no installed font.
 */
public final class CardRenderer {
    /** How many passages' cards are kept by default. */
    public static final int DEFAULT_CACHE_SIZE = 128;

    static final int MAX_SIZE = 48;
    static final int MIN_SIZE = 36;
    private static final int SIZE_STEP = 2;
    private static final float LINE_SPACING = 1.75f;

    /** A short passage still makes a square card, its text centred in the height. */
    static final int MIN_HEIGHT = CardLimits.WIDTH;

    static final int MARGIN_X = 108;
    static final int MARGIN_TOP = 112;
    static final int MARGIN_BOTTOM = 96;
    private static final int CONTENT_WIDTH = CardLimits.WIDTH - 2 * MARGIN_X;
    private static final int ACCENT_WIDTH = 64;
    private static final int ACCENT_HEIGHT = 6;
    private static final int ACCENT_GAP = 56;
    private static final int CITATION_GAP = 56;
    private static final float RULE_HEIGHT = 1.5f;
    private static final int RULE_GAP = 36;
    private static final int FOOTER_GAP = 48;
    private static final float MAX_JUSTIFY_EM = 0.35f;

    private static final int AUTHOR_SIZE = 30;
    private static final int TITLE_SIZE = 28;
    private static final int META_SIZE = 26;
    private static final int FOOTER_SIZE = 24;

    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.CHINESE);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private static final int[] PASSAGE_SIZES =
            IntStream.iterate(MAX_SIZE, s -> s >= MIN_SIZE, s -> s - SIZE_STEP).toArray();
    private static final int[] SMALL_SIZES = {AUTHOR_SIZE, TITLE_SIZE, META_SIZE, FOOTER_SIZE};

    /** The faces of each script, made when a card in it is first drawn. */
    private final Map<Script, CardFaces> faces = new EnumMap<>(Script.class);

    private final int cacheSize;
    private final Map<Key, List<Card>> cache;

    private record Key(CardContent content, Theme theme) {}

    /** A renderer keeping the cards of the last {@value #DEFAULT_CACHE_SIZE} passages. */
    public CardRenderer() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** A renderer keeping the cards of the last {@code cacheSize} passages (0: none). */
    public CardRenderer(int cacheSize) {
        if (cacheSize < 0) throw new IllegalArgumentException("cacheSize: must not be negative, was " + cacheSize);
        this.cacheSize = cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
        faces(Script.SIMPLIFIED);
    }

    private CardFaces faces(Script script) {
        synchronized (faces) {
            return faces.computeIfAbsent(script, s -> new CardFaces(s, PASSAGE_SIZES, SMALL_SIZES));
        }
    }

    /** The cards for a passage in a theme: one, or a numbered set when the passage is long. */
    public List<Card> render(CardContent content, Theme theme) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(theme, "theme");
        Key key = new Key(content, theme);
        synchronized (cache) {
            List<Card> cached = cache.get(key);
            if (cached != null) return cached;
        }
        List<Card> cards = new ArrayList<>();
        for (CardLayout layout : layout(content)) {
            byte[] png = CardPainter.png(layout, theme);
            if (!CardLimits.fits(layout.width(), layout.height(), png.length)) {
                throw new IllegalStateException("a card of " + layout.width() + "x" + layout.height() + " px and "
                        + png.length + " bytes breaks the platforms' photo limits");
            }
            cards.add(new Card(png, layout.width(), layout.height(), layout.index(), layout.count()));
        }
        List<Card> result = List.copyOf(cards);
        if (cacheSize > 0) {
            synchronized (cache) {
                cache.put(key, result);
                if (cache.size() > cacheSize)
                    cache.remove(cache.keySet().iterator().next());
            }
        }
        return result;
    }

    /** The cards for a passage, laid out but not painted, at the largest size that needs no more cards. */
    List<CardLayout> layout(CardContent content) {
        CardFaces faces = faces(content.script());
        Chrome chrome = chrome(content, faces);
        List<Page> best = null;
        int bestSize = MAX_SIZE;
        for (int size = MAX_SIZE; size >= MIN_SIZE; size -= SIZE_STEP) {
            List<Page> pages = paginate(content.passage(), faces.passage(size), chrome);
            if (best == null || pages.size() < best.size()) {
                best = pages;
                bestSize = size;
            }
            if (pages.size() == 1) break;
        }
        return compose(best, bestSize, chrome, faces);
    }

    /** The cards for a passage with its type at one size. */
    List<CardLayout> layoutAt(CardContent content, int size) {
        CardFaces faces = faces(content.script());
        Typesetter face = faces.passage(size);
        if (face == null)
            throw new IllegalArgumentException(
                    "size: must be " + MIN_SIZE + "-" + MAX_SIZE + " in steps of " + SIZE_STEP + ", was " + size);
        Chrome chrome = chrome(content, faces);
        return compose(paginate(content.passage(), face, chrome), size, chrome, faces);
    }

    private List<CardLayout> compose(List<Page> pages, int size, Chrome chrome, CardFaces faces) {
        List<CardLayout> layouts = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++)
            layouts.add(compose(pages.get(i), size, chrome, faces, i + 1, pages.size()));
        return layouts;
    }

    /** A passage's lines on one card; {@code continues} when the next card goes on with the same sentence. */
    private record Page(Typesetter.SetText set, List<Line> lines, boolean continues) {}

    /** A block of text set in one face: the citation's parts, the footer. */
    private record Block(Typesetter.SetText set, List<Line> lines, float size, float lineHeight, Role role) {
        float height() {
            return lines.size() * lineHeight;
        }
    }

    /** What every card of a passage has around it: the citation and the bot's name. */
    private record Chrome(List<Block> citation, Block botName) {
        float height(int passageLines, float passageLineHeight) {
            float h = MARGIN_TOP + ACCENT_HEIGHT + ACCENT_GAP + passageLines * passageLineHeight;
            h += CITATION_GAP + RULE_HEIGHT + RULE_GAP;
            for (Block b : citation) h += b.height();
            return h + FOOTER_GAP + botName.height() + MARGIN_BOTTOM;
        }
    }

    private Chrome chrome(CardContent content, CardFaces faces) {
        Citation citation = content.citation();
        boolean english = "en".equals(content.locale().getLanguage());
        String title = english ? citation.title() : "《" + citation.title() + "》";
        LocalDate date = citation.date();
        String meta = (english ? ENGLISH_DATE : CHINESE_DATE).format(date)
                + citation.position().map(p -> " · " + p).orElse("")
                + citation.note()
                        .map(n -> english && !n.startsWith(" ") ? " " + n : n)
                        .orElse("");
        List<Block> blocks = List.of(
                block(faces, citation.author(), AUTHOR_SIZE, 1.5f, Role.TEXT, CONTENT_WIDTH),
                block(faces, title, TITLE_SIZE, 1.5f, Role.MUTED, CONTENT_WIDTH),
                block(faces, meta, META_SIZE, 1.6f, Role.MUTED, CONTENT_WIDTH));
        float labelRoom = faces.small(FOOTER_SIZE).set("00/00").advanceOf(0, 5) + 32;
        Block name = block(faces, content.botName(), FOOTER_SIZE, 1.5f, Role.FAINT, CONTENT_WIDTH - labelRoom);
        return new Chrome(blocks, name);
    }

    private static Block block(CardFaces faces, String text, int size, float spacing, Role role, float width) {
        Typesetter.SetText set = faces.small(size).set(text);
        return new Block(set, LineBreaker.breakLines(text, set, width), size, size * spacing, role);
    }

    private List<Page> paginate(String passage, Typesetter face, Chrome chrome) {
        float lineHeight = face.size() * LINE_SPACING;
        int capacity = 0;
        while (chrome.height(capacity + 1, lineHeight) <= CardLimits.MAX_HEIGHT) capacity++;
        if (capacity < 1) throw new IllegalStateException("the citation leaves no room for the passage");
        Typesetter.SetText whole = face.set(passage);
        List<Line> lines = LineBreaker.breakLines(passage, whole, CONTENT_WIDTH);
        if (lines.size() <= capacity) return List.of(new Page(whole, lines, false));

        List<Page> pages = new ArrayList<>();
        String current = "";
        for (String sentence : SentenceSplitter.split(passage)) {
            String candidate = current + sentence;
            if (!current.isEmpty() && lineCount(face, candidate) > capacity) {
                pages.add(page(face, current));
                candidate = sentence;
            }
            current = candidate;
            // A sentence longer than a whole card is cut after the card's last line.
            while (true) {
                Typesetter.SetText set = face.set(current.strip());
                List<Line> setLines = LineBreaker.breakLines(set.text(), set, CONTENT_WIDTH);
                if (setLines.size() <= capacity) break;
                int cut = setLines.get(capacity).start();
                pages.add(new Page(set, setLines.subList(0, capacity), true));
                current = set.text().substring(cut);
            }
        }
        if (!current.isBlank()) pages.add(page(face, current));
        return pages;
    }

    private static int lineCount(Typesetter face, String text) {
        String t = text.strip();
        return LineBreaker.breakLines(t, face.set(t), CONTENT_WIDTH).size();
    }

    private static Page page(Typesetter face, String text) {
        Typesetter.SetText set = face.set(text.strip());
        return new Page(set, LineBreaker.breakLines(set.text(), set, CONTENT_WIDTH), false);
    }

    private CardLayout compose(Page page, int size, Chrome chrome, CardFaces faces, int index, int count) {
        float lineHeight = size * LINE_SPACING;
        float natural = chrome.height(page.lines().size(), lineHeight);
        int height = Math.max(MIN_HEIGHT, (int) Math.ceil(natural));
        float spare = height - natural;
        List<Ink> inks = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        List<String> passageLines = new ArrayList<>();

        float y = MARGIN_TOP + spare / 2;
        marks.add(new Mark(new Rectangle2D.Float(MARGIN_X, y, ACCENT_WIDTH, ACCENT_HEIGHT), Role.ACCENT));
        y += ACCENT_HEIGHT + ACCENT_GAP;
        List<Line> lines = page.lines();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            boolean last = i == lines.size() - 1;
            boolean justify = !line.endsParagraph() && (!last || page.continues());
            placeLine(inks, page.set(), line, size, y, lineHeight, justify, Role.TEXT, MARGIN_X);
            passageLines.add(page.set().text().substring(line.start(), line.end()));
            y += lineHeight;
        }
        y += CITATION_GAP;
        marks.add(new Mark(new Rectangle2D.Float(MARGIN_X, y, CONTENT_WIDTH, RULE_HEIGHT), Role.FAINT));
        y += RULE_HEIGHT + RULE_GAP;
        for (Block block : chrome.citation()) y = placeBlock(inks, block, y);
        y += FOOTER_GAP + spare / 2;
        if (count > 1) {
            Block label = block(faces, index + "/" + count, FOOTER_SIZE, 1.5f, Role.FAINT, CONTENT_WIDTH);
            Line only = label.lines().get(0);
            float x = MARGIN_X + CONTENT_WIDTH - only.width();
            placeLine(inks, label.set(), only, FOOTER_SIZE, y, label.lineHeight(), false, Role.FAINT, x);
        }
        placeBlock(inks, chrome.botName(), y);

        Rectangle2D content =
                new Rectangle2D.Float(MARGIN_X, MARGIN_TOP, CONTENT_WIDTH, height - MARGIN_TOP - MARGIN_BOTTOM);
        return new CardLayout(CardLimits.WIDTH, height, content, inks, marks, passageLines, size, index, count);
    }

    private float placeBlock(List<Ink> inks, Block block, float top) {
        float y = top;
        for (Line line : block.lines()) {
            placeLine(inks, block.set(), line, block.size(), y, block.lineHeight(), false, block.role(), MARGIN_X);
            y += block.lineHeight();
        }
        return y;
    }

    /** Places a line in its line box: the em box centred, so the space above and below the ink is even. */
    private static void placeLine(
            List<Ink> inks,
            Typesetter.SetText set,
            Line line,
            float size,
            float boxTop,
            float lineHeight,
            boolean justify,
            Role role,
            float x) {
        float baseline = boxTop + (lineHeight - size) / 2 + size * 0.88f;
        float extra = 0;
        if (justify) {
            int gaps = set.gaps(line.start(), line.end());
            float slack = CONTENT_WIDTH - line.width();
            if (gaps > 0 && slack > 0 && slack / gaps <= size * MAX_JUSTIFY_EM) extra = slack / gaps;
        }
        // No glyph reaches 1.5 em above its baseline or 0.75 em below: painting skips runs outside the band by these.
        float top = baseline - 1.5f * size;
        float bottom = baseline + 0.75f * size;
        for (GlyphVector gv : set.line(line.start(), line.end(), extra)) {
            inks.add(new Ink(gv, x, baseline, top, bottom, role));
        }
    }
}
