package org.excerptbot.core.card;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The faces shipped in bot-core for the cards (subsets of Noto Serif CJK SC and Noto Sans CJK SC, SIL Open Font
 * License; see README.md beside them), so a card needs no font installed on the machine. Loaded once, at size 1.
 */
final class CardFonts {
    static final String SERIF_RESOURCE = "NotoSerifCJKsc-Regular.subset.otf";
    static final String SANS_RESOURCE = "NotoSansCJKsc-Regular.subset.otf";

    private static final class Loaded {
        static final Font SERIF = load(SERIF_RESOURCE);
        static final Font SANS = load(SANS_RESOURCE);
    }

    private CardFonts() {}

    /** Noto Serif CJK SC Regular: the passage. */
    static Font serif() {
        return Loaded.SERIF;
    }

    /** Noto Sans CJK SC Regular: the citation and the footer. */
    static Font sans() {
        return Loaded.SANS;
    }

    private static Font load(String resource) {
        try (InputStream in = CardFonts.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(resource + " is not a font Java2D can load", e);
        }
    }
}
