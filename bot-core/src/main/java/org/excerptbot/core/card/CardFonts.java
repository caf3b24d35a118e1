package org.excerptbot.core.card;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.excerptbot.core.script.Script;

/**
 * The faces shipped in bot-core for the cards (subsets of Noto Serif CJK and Noto Sans CJK, SC for simplified cards
 * and TC for traditional ones, SIL Open Font License; see README.md beside them), so a card needs no font installed
 * on the machine. Loaded once each, at size 1, the TC faces only when a traditional card is first drawn.
 */
final class CardFonts {
    static final String SERIF_RESOURCE = "NotoSerifCJKsc-Regular.subset.otf";
    static final String SANS_RESOURCE = "NotoSansCJKsc-Regular.subset.otf";
    static final String SERIF_TC_RESOURCE = "NotoSerifCJKtc-Regular.subset.otf";
    static final String SANS_TC_RESOURCE = "NotoSansCJKtc-Regular.subset.otf";

    private static final class Loaded {
        static final Font SERIF = load(SERIF_RESOURCE);
        static final Font SANS = load(SANS_RESOURCE);
    }

    private static final class LoadedTc {
        static final Font SERIF = load(SERIF_TC_RESOURCE);
        static final Font SANS = load(SANS_TC_RESOURCE);
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

    /** The passage's face for cards in {@code script}: Noto Serif CJK SC or TC Regular. */
    static Font serif(Script script) {
        return script == Script.TRADITIONAL ? LoadedTc.SERIF : Loaded.SERIF;
    }

    /** The citation's and footer's face for cards in {@code script}: Noto Sans CJK SC or TC Regular. */
    static Font sans(Script script) {
        return script == Script.TRADITIONAL ? LoadedTc.SANS : Loaded.SANS;
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
