package org.excerptbot.core.card;

import java.awt.Color;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * One card laid out, before it is painted in a theme's colours: where every run of glyphs and every mark goes.
 *
 * @param content the area inside the margins, which every glyph's ink keeps to
 * @param passageLines the passage's lines on this card, as set
 * @param passageSize the passage's type size in pixels
 * @param index this card's number in its set, from 1
 */
record CardLayout(
        int width,
        int height,
        Rectangle2D content,
        List<Ink> inks,
        List<Mark> marks,
        List<String> passageLines,
        float passageSize,
        int index,
        int count) {
    CardLayout {
        inks = List.copyOf(inks);
        marks = List.copyOf(marks);
        passageLines = List.copyOf(passageLines);
    }

    /** Which of the theme's colours a glyph or a mark takes. */
    enum Role {
        TEXT,
        MUTED,
        FAINT,
        ACCENT;

        Color in(Theme theme) {
            return switch (this) {
                case TEXT -> theme.text;
                case MUTED -> theme.muted;
                case FAINT -> theme.faint;
                case ACCENT -> theme.accent;
            };
        }
    }

    /**
     * A run of glyphs, drawn with its origin at {@code (x, y)} (y is the baseline); its ink stays between
     * {@code top} and {@code bottom}.
     */
    record Ink(GlyphVector glyphs, float x, float y, float top, float bottom, Role role) {
        /** Where the glyphs' ink falls on the card. */
        Rectangle2D bounds() {
            Rectangle2D b = glyphs.getVisualBounds();
            return new Rectangle2D.Double(b.getX() + x, b.getY() + y, b.getWidth(), b.getHeight());
        }
    }

    /** A filled rectangle: the accent bar, the rule above the citation. */
    record Mark(Rectangle2D area, Role role) {}
}
