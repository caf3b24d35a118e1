package org.excerptbot.core.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.reply.Picture;

/**
 * A passage's cards as the pictures of a reply: each captioned with the passage's citation, and with its number
 * when the passage was split ({@code (2/3)}), its text as the picture's alternative text. Thread-safe.
 */
public final class CardPictures {
    private static final Pattern FIRST_OF_SET = Pattern.compile("card-1-of-(\\d+)\\.png");

    private final Supplier<CardRenderer> renderer;

    public CardPictures(CardRenderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        this.renderer = () -> renderer;
    }

    private CardPictures(Supplier<CardRenderer> renderer) {
        this.renderer = renderer;
    }

    /**
     * Pictures from a renderer made on the first card: loading the fonts and Java2D costs start-up time and memory
     * that a bot nobody asks for a card never needs.
     */
    public static CardPictures onFirstUse() {
        return new CardPictures(new Supplier<>() {
            private volatile CardRenderer made;

            @Override
            public CardRenderer get() {
                CardRenderer r = made;
                if (r == null) {
                    synchronized (this) {
                        if (made == null) made = new CardRenderer();
                        r = made;
                    }
                }
                return r;
            }
        });
    }

    /** The pictures of the passage's cards, in order. */
    public List<Picture> pictures(CardContent content, Theme theme) {
        List<Card> cards = renderer.get().render(content, theme);
        List<Picture> out = new ArrayList<>(cards.size());
        for (Card card : cards) {
            out.add(new Picture(
                    card.png(),
                    card.fileName(),
                    card.width(),
                    card.height(),
                    content.passage(),
                    caption(content, card)));
        }
        return List.copyOf(out);
    }

    /**
     * What names the first card of a passage among pictures sent before, without rendering it: the passage and its
     * citation line (so a card cited in another language is another card).
     */
    public static String subject(CardContent content) {
        return content.passage() + "\n" + content.citation().line();
    }

    /**
     * The {@link #subject(CardContent)} of a picture made by {@link #pictures}, when it is the first (or only) card of
     * its passage; empty for the later cards of a set and for pictures of another origin.
     */
    public static Optional<String> firstCardSubject(Picture picture) {
        String caption = picture.caption();
        if (picture.fileName().equals("card.png")) return Optional.of(picture.altText() + "\n" + caption);
        Matcher set = FIRST_OF_SET.matcher(picture.fileName());
        String number = set.matches() ? " (1/" + set.group(1) + ")" : null;
        if (number == null || !caption.endsWith(number)) return Optional.empty();
        return Optional.of(picture.altText() + "\n" + caption.substring(0, caption.length() - number.length()));
    }

    /** The caption of a card: its citation, and its number in a set. */
    public static String caption(CardContent content, Card card) {
        String line = content.citation().line();
        String caption = card.count() == 1 ? line : line + " (" + card.index() + "/" + card.count() + ")";
        return caption.length() <= Picture.MAX_CAPTION ? caption : caption.substring(0, Picture.MAX_CAPTION - 1) + "…";
    }
}
