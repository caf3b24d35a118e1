package org.excerptbot.core.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.excerptbot.core.reply.Picture;

/**
 * A passage's cards as the pictures of a reply: each captioned with the passage's citation, and with its number
 * when the passage was split ({@code (2/3)}), its text as the picture's alternative text. Thread-safe.
 */
public final class CardPictures {
    private final CardRenderer renderer;

    public CardPictures(CardRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** The pictures of the passage's cards, in order. */
    public List<Picture> pictures(CardContent content, Theme theme) {
        List<Card> cards = renderer.render(content, theme);
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

    /** The caption of a card: its citation, and its number in a set. */
    public static String caption(CardContent content, Card card) {
        String line = content.citation().line();
        String caption = card.count() == 1 ? line : line + " (" + card.index() + "/" + card.count() + ")";
        return caption.length() <= Picture.MAX_CAPTION ? caption : caption.substring(0, Picture.MAX_CAPTION - 1) + "…";
    }
}
