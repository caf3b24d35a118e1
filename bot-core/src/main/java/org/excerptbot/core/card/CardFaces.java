package org.excerptbot.core.card;

import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.excerptbot.core.script.Script;

/**
 * The typesetters of cards in one script, at every size a card uses: the passage in the serif face, backed by the
 * sans face; the citation and footer in the sans face, backed by the serif one. A traditional card's faces are
 * also backed by the simplified ones, so that a character the TC subsets lack still shows, in its SC form, rather
 * than as a box; then Java's logical font.
 */
final class CardFaces {
    private final Map<Integer, Typesetter> passage;
    private final Map<Integer, Typesetter> small;

    /**
     * @param passageSizes the passage's sizes, in pixels
     * @param smallSizes the citation's and footer's sizes, in pixels
     */
    CardFaces(Script script, int[] passageSizes, int[] smallSizes) {
        Font serif = CardFonts.serif(script);
        Font sans = CardFonts.sans(script);
        List<Font> passageFaces = new ArrayList<>(List.of(serif, sans));
        List<Font> smallFaces = new ArrayList<>(List.of(sans, serif));
        if (script != Script.SIMPLIFIED) {
            passageFaces.addAll(List.of(CardFonts.serif(), CardFonts.sans()));
            smallFaces.addAll(List.of(CardFonts.sans(), CardFonts.serif()));
        }
        passageFaces.add(new Font(Font.SERIF, Font.PLAIN, 1));
        smallFaces.add(new Font(Font.SANS_SERIF, Font.PLAIN, 1));
        Map<Integer, Typesetter> p = new LinkedHashMap<>();
        for (int size : passageSizes) p.put(size, typesetter(size, passageFaces));
        Map<Integer, Typesetter> s = new LinkedHashMap<>();
        for (int size : smallSizes) s.put(size, typesetter(size, smallFaces));
        this.passage = Map.copyOf(p);
        this.small = Map.copyOf(s);
    }

    /** The passage's typesetter at {@code size}; null for a size not made. */
    Typesetter passage(int size) {
        return passage.get(size);
    }

    /** The citation's or footer's typesetter at {@code size}; null for a size not made. */
    Typesetter small(int size) {
        return small.get(size);
    }

    private static Typesetter typesetter(int size, List<Font> faces) {
        List<Font> sized = new ArrayList<>(faces.size());
        for (Font f : faces) sized.add(f.deriveFont((float) size));
        return new Typesetter(sized);
    }
}
