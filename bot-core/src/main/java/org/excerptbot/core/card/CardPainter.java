package org.excerptbot.core.card;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.excerptbot.core.card.CardLayout.Ink;
import org.excerptbot.core.card.CardLayout.Mark;

/** Paints a laid-out card in a theme's colours and encodes it as a palette PNG. */
final class CardPainter {
    private static final int BAND = 128;

    private CardPainter() {}

    /** Paints a laid-out card in a theme's colours, whole (for tests: cards are painted a band at a time). */
    static BufferedImage paint(CardLayout layout, Theme theme) {
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        paint(image, layout, theme, 0);
        return image;
    }

    /**
     * Paints a card and encodes it as PNG a band of {@value #BAND} rows at a time, so that a card takes a fraction
     * of its pixels' memory while it is rendered.
     */
    static byte[] png(CardLayout layout, Theme theme) {
        IndexedPng png = new IndexedPng(
                layout.width(),
                layout.height(),
                theme.background,
                List.of(theme.text, theme.muted, theme.faint, theme.accent));
        BufferedImage band =
                new BufferedImage(layout.width(), Math.min(BAND, layout.height()), BufferedImage.TYPE_INT_RGB);
        for (int top = 0; top < layout.height(); top += band.getHeight()) {
            paint(band, layout, theme, top);
            png.write(band, Math.min(band.getHeight(), layout.height() - top));
        }
        return png.finish();
    }

    /** Paints the rows of a card from {@code top} on into an image. */
    private static void paint(BufferedImage target, CardLayout layout, Theme theme, int top) {
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(theme.background);
            g.fillRect(0, 0, target.getWidth(), target.getHeight());
            g.translate(0, -top);
            int bottom = top + target.getHeight();
            for (Mark mark : layout.marks()) {
                if (mark.area().getMaxY() < top || mark.area().getMinY() > bottom) continue;
                g.setColor(mark.role().in(theme));
                g.fill(mark.area());
            }
            for (Ink ink : layout.inks()) {
                if (ink.bottom() < top || ink.top() > bottom) continue;
                g.setColor(ink.role().in(theme));
                g.drawGlyphVector(ink.glyphs(), ink.x(), ink.y());
            }
        } finally {
            g.dispose();
        }
    }
}
