package org.excerptbot.core.card;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Picture;

/**
 * The passages a {@link CardKey} names: a paragraph of the corpus or an excerpt of the pool, as the content of its
 * card in the key's language and script, and that card rendered. Thread-safe.
 */
public final class CardPassages {
    private final Corpus corpus;
    private final ExcerptPool pool;
    private final Messages messages;
    private final CardPictures pictures;

    public CardPassages(Corpus corpus, ExcerptPool pool, Messages messages, CardPictures pictures) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.pictures = Objects.requireNonNull(pictures, "pictures");
    }

    /** What the key's card shows, or empty when the key names no paragraph or excerpt. */
    public Optional<CardContent> content(CardKey key) {
        Objects.requireNonNull(key, "key");
        Texts texts = messages.texts(key.locale());
        String name = botName(texts);
        Optional<ParagraphRef> ref = ParagraphRef.parse(key.passage());
        if (ref.isPresent()) {
            // one name per card: 01.11 is not another name of 1.11
            if (!ref.get().position().equals(key.passage())) return Optional.empty();
            return corpus.paragraph(ref.get())
                    .map(p -> CardContent.of(corpus, p, texts, name).in(key.script(), texts));
        }
        return pool.byId(key.passage())
                .map(e -> CardContent.of(corpus, e, texts, name).in(key.script(), texts));
    }

    /** The key's card (the first of a numbered set), rendered or from the renderer's cache. */
    public Optional<Picture> firstCard(CardKey key) {
        return content(key).map(c -> {
            List<Picture> cards = pictures.pictures(c, key.theme());
            return cards.get(0);
        });
    }

    /** The pictures the cards are drawn with (one renderer and cache, shared with whatever else draws cards). */
    public CardPictures pictures() {
        return pictures;
    }

    /** The name at the foot of every card, in the reader's language. */
    public static String botName(Texts texts) {
        return texts.get("card.bot.name");
    }
}
