package org.excerptbot.core.card;

import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets text in one face at one size, measuring with the font's own metrics. Beyond the glyphs' advances it applies
 * three rules of Chinese typesetting: of two full-width punctuation marks in a row, the blank half of one is dropped
 * ({@code 。”} takes one and a half ems, not two); a full-width mark that starts or ends a line loses its blank half; a
 * gap of a fifth of an em separates Han characters from Latin words and numbers ({@code 2015 年}). The two halves of
 * a {@code ——} are stretched to touch. A character the face lacks is taken from the next face that has it.
 * Thread-safe.
 */
final class Typesetter {
    /** Antialiased, with fractional metrics: the context the cards are painted in. */
    static final FontRenderContext FRC = new FontRenderContext(
            null, RenderingHints.VALUE_TEXT_ANTIALIAS_ON, RenderingHints.VALUE_FRACTIONALMETRICS_ON);

    private static final float HAN_LATIN_GAP_EM = 0.2f;
    private static final char DASH = '—';

    private final List<Font> faces;
    private final float size;
    private final Map<Integer, Glyph> glyphs = new ConcurrentHashMap<>();

    /**
     * @param faces the face to set in first, then the faces to take missing characters from, all at the same size
     */
    Typesetter(List<Font> faces) {
        if (faces.isEmpty()) throw new IllegalArgumentException("faces: must not be empty");
        this.faces = List.copyOf(faces);
        this.size = faces.get(0).getSize2D();
    }

    float size() {
        return size;
    }

    /** One code point's glyph: the face it comes from, its code there, its advance and its ink's horizontal extent. */
    private record Glyph(int face, int code, float advance, float inkLeft, float inkRight) {}

    private Glyph glyph(int codePoint) {
        return glyphs.computeIfAbsent(codePoint, this::measure);
    }

    private Glyph measure(int codePoint) {
        int face = 0;
        for (int f = 0; f < faces.size(); f++) {
            if (faces.get(f).canDisplay(codePoint)) {
                face = f;
                break;
            }
        }
        GlyphVector gv = faces.get(face).createGlyphVector(FRC, Character.toChars(codePoint));
        Rectangle2D ink = gv.getGlyphVisualBounds(0).getBounds2D();
        float advance = (float) gv.getGlyphPosition(gv.getNumGlyphs()).getX();
        return new Glyph(face, gv.getGlyphCode(0), advance, (float) ink.getMinX(), (float) ink.getMaxX());
    }

    /** Measures a text for {@link LineBreaker} and for painting. */
    SetText set(String text) {
        int n = text.length();
        float[] advance = new float[n];
        float[] trailing = new float[n];
        float[] leading = new float[n];
        float[] shift = new float[n];
        float[] stretch = new float[n];
        Glyph[] at = new Glyph[n];
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            at[i] = glyph(cp);
            advance[i] = at[i].advance();
            i += Character.charCount(cp);
        }
        float half = size / 2;
        boolean[] squeezed = new boolean[n];
        int prev = -1;
        for (int i = 0; i < n; i++) {
            if (at[i] == null) continue;
            int cp = text.codePointAt(i);
            if (cp == DASH && isInDashRun(text, i)) {
                float inkWidth = at[i].inkRight() - at[i].inkLeft();
                if (inkWidth > 0) {
                    stretch[i] = size / inkWidth;
                    shift[i] = -at[i].inkLeft() * stretch[i];
                }
                advance[i] = size;
            }
            if (prev >= 0) {
                int prevCp = text.codePointAt(prev);
                if (isFullWidthPunctuation(prevCp, at[prev]) && isFullWidthPunctuation(cp, at[i])) {
                    if (blankRight(at[prev]) && !squeezed[prev]) {
                        advance[prev] -= half;
                        squeezed[prev] = true;
                    } else if (blankLeft(at[i])) {
                        advance[i] -= half;
                        shift[i] -= half;
                        squeezed[i] = true;
                    }
                } else if (isHanLatinPair(prevCp, cp)) {
                    float gap = size * HAN_LATIN_GAP_EM;
                    advance[prev] += gap;
                    trailing[prev] += gap;
                }
            }
            prev = i;
        }
        for (int i = 0; i < n; i++) {
            if (at[i] != null && !squeezed[i] && isFullWidthPunctuation(text.codePointAt(i), at[i])) {
                if (blankRight(at[i])) trailing[i] += half;
                if (blankLeft(at[i])) leading[i] += half;
            }
        }
        return new SetText(text, advance, trailing, leading, shift, stretch, at);
    }

    private boolean isFullWidthPunctuation(int codePoint, Glyph glyph) {
        if (Math.abs(glyph.advance() - size) > size * 0.05f) return false;
        return switch (Character.getType(codePoint)) {
            case Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION -> true;
            case Character.OTHER_PUNCTUATION -> codePoint != '…' && codePoint != '‧';
            default -> false;
        };
    }

    /** The ink sits in the left half, so the right half may go. */
    private boolean blankRight(Glyph glyph) {
        return glyph.inkRight() <= size * 0.55f;
    }

    /** The ink sits in the right half, so the left half may go. */
    private boolean blankLeft(Glyph glyph) {
        return glyph.inkLeft() >= size * 0.45f;
    }

    private static boolean isInDashRun(String text, int i) {
        return (i > 0 && text.charAt(i - 1) == DASH) || (i + 1 < text.length() && text.charAt(i + 1) == DASH);
    }

    private static boolean isHanLatinPair(int a, int b) {
        return LineBreaker.isHan(a) && LineBreaker.isWordChar(b) || LineBreaker.isWordChar(a) && LineBreaker.isHan(b);
    }

    /** A measured text: what {@link LineBreaker} needs, and the glyphs to paint a line of it. */
    final class SetText implements LineBreaker.Widths {
        private final String text;
        private final float[] advance;
        private final float[] trailing;
        private final float[] leading;
        private final float[] shift;
        private final float[] stretch;
        private final Glyph[] glyphs;

        private SetText(
                String text,
                float[] advance,
                float[] trailing,
                float[] leading,
                float[] shift,
                float[] stretch,
                Glyph[] glyphs) {
            this.text = text;
            this.advance = advance;
            this.trailing = trailing;
            this.leading = leading;
            this.shift = shift;
            this.stretch = stretch;
            this.glyphs = glyphs;
        }

        String text() {
            return text;
        }

        @Override
        public float advance(int index) {
            return advance[index];
        }

        @Override
        public float trailing(int index) {
            return trailing[index];
        }

        @Override
        public float leading(int index) {
            return leading[index];
        }

        /** The width of {@code [start, end)} set on one line, without what falls away at its end. */
        float advanceOf(int start, int end) {
            float w = 0;
            for (int i = start; i < end; i++) w += advance[i];
            return end > start ? w - leading[start] - trailing[end - 1] : 0;
        }

        /**
         * The glyphs of {@code [start, end)}, positioned from the line's origin: one vector for each run of
         * characters from the same face. {@code extra} is added at every gap where justification may widen the line.
         */
        List<GlyphVector> line(int start, int end, float extra) {
            List<GlyphVector> out = new ArrayList<>();
            float x = start < end ? -leading[start] : 0;
            int i = start;
            while (i < end) {
                int face = glyphs[i].face();
                List<Integer> indexes = new ArrayList<>();
                while (i < end && (glyphs[i] == null || glyphs[i].face() == face)) {
                    if (glyphs[i] != null) indexes.add(i);
                    i++;
                }
                int[] codes = new int[indexes.size()];
                for (int k = 0; k < codes.length; k++) codes[k] = glyphs[indexes.get(k)].code();
                GlyphVector gv = faces.get(face).createGlyphVector(FRC, codes);
                for (int k = 0; k < codes.length; k++) {
                    int index = indexes.get(k);
                    gv.setGlyphPosition(k, new Point2D.Float(x + shift[index], 0));
                    if (stretch[index] > 0)
                        gv.setGlyphTransform(k, AffineTransform.getScaleInstance(stretch[index], 1));
                    x += advance[index];
                    int next = index + Character.charCount(text.codePointAt(index));
                    if (next < end && justifiable(next)) x += extra;
                }
                out.add(gv);
            }
            return out;
        }

        /** The number of gaps in {@code [start, end)} that justification may widen. */
        int gaps(int start, int end) {
            int count = 0;
            for (int i = start + 1; i < end; i++)
                if (!Character.isLowSurrogate(text.charAt(i)) && justifiable(i)) count++;
            return count;
        }

        /** Not inside a Latin word or a number, nor between the two halves of a dash or an ellipsis. */
        private boolean justifiable(int index) {
            char prev = text.charAt(index - 1);
            char next = text.charAt(index);
            if ((prev == DASH || prev == '…') && next == prev) return false;
            return !LineBreaker.joinsWord(text, index);
        }
    }
}
