package org.excerptbot.telegram;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.reply.Reply;

/**
 * Port: the excerpts offered in inline mode ({@code @bot 互联互通}). Implementations answer from the corpus and
 * its search index; the adapter only pages and renders.
 */
@FunctionalInterface
public interface InlineSource {
    /** Offers nothing. */
    InlineSource NONE = (query, locale, offset, limit) -> new Page(List.of(), 0);

    /**
     * One page of excerpts for what the user typed after the bot's name.
     *
     * @param query the text typed, stripped; empty asks for today's excerpt
     * @param offset how many items to skip, from 0
     * @param limit the most items to return (at most 50)
     */
    Page find(String query, Locale locale, int offset, int limit);

    /**
     * One page for a reader: {@code reader} is the user's private chat with the bot, whose script the items' cards
     * follow. By default the reader makes no difference.
     */
    default Page find(String query, ChatRef reader, Locale locale, int offset, int limit) {
        return find(query, locale, offset, limit);
    }

    /** Whether the items carry a public URL of their card, so that every item may become two results. */
    default boolean offersCardUrls() {
        return false;
    }

    /**
     * One excerpt to pick.
     *
     * @param id a stable id of at most 64 bytes, e.g. the position {@code 1.11}
     * @param title the line shown in the result list
     * @param description a short preview under the title
     * @param reply what is posted when the user picks it: the excerpt with its citation
     * @param card the passage's quote card, when it has one
     */
    record Item(String id, String title, String description, Reply reply, Optional<Card> card) {
        public Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(card, "card");
        }

        /** An item without a card. */
        public Item(String id, String title, String description, Reply reply) {
            this(id, title, description, reply, Optional.empty());
        }
    }

    /**
     * A passage's first quote card, described without rendering it.
     *
     * @param content what the card shows, to find an earlier upload of it
     * @param urls where the bot's HTTP server serves it publicly, when the self-hoster configured a public URL
     */
    record Card(CardContent content, Optional<Urls> urls) {
        public Card {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(urls, "urls");
        }
    }

    /** The public URLs of a card's JPEG photo and thumbnail, as an inline photo result names them. */
    record Urls(URI photo, URI thumbnail) {
        public Urls {
            Objects.requireNonNull(photo, "photo");
            Objects.requireNonNull(thumbnail, "thumbnail");
        }
    }

    /**
     * A page of items and how many there are in all.
     *
     * @param total the number of matches overall, for the next page's offset
     */
    record Page(List<Item> items, int total) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
