package org.excerptbot.core.delivery;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.ExcerptSections;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Subscription;

/**
 * The posts of the product: {@link Mode#DAILY} sends the rotation's excerpt of the subscriber's local date (the
 * same one /today shows there); {@link Mode#SEQUENTIAL} sends the excerpt at the subscription's cursor, in the
 * pool's reading order (the four texts through, then from the start again). Rendered like the commands' excerpts:
 * text, citation and a button that opens the paragraph; a {@link Format#CARD} post also carries the excerpt's quote
 * cards, drawn in the subscribing chat's script. A daily post is the same for every subscriber of one
 * local date, language and card script: it is composed once and reused (a fan-out of thousands composes it once per language).
 */
public final class ExcerptPosts implements PostComposer {
    /** Daily posts kept; more (a catch-up across many dates) empties the cache. */
    private static final int MAX_DAILY = 64;

    private record DailyKey(LocalDate date, String language, Format format, Script script) {}

    private final Map<DailyKey, Post> daily = new ConcurrentHashMap<>();
    private final ExcerptPool pool;
    private final DailyRotation rotation;
    private final ExcerptSections sections;
    private final Messages messages;
    private final Corpus corpus;
    private final CardPictures cards;
    private final CardScripts cardScripts;

    /** With cards rendered on the first card post. */
    public ExcerptPosts(Corpus corpus, DailyRotation rotation, Messages messages) {
        this(corpus, rotation, messages, CardPictures.onFirstUse());
    }

    /** @param cards the card pictures of {@link Format#CARD} posts, all in simplified characters */
    public ExcerptPosts(Corpus corpus, DailyRotation rotation, Messages messages, CardPictures cards) {
        this(corpus, rotation, messages, cards, CardScripts.SIMPLIFIED);
    }

    /**
     * @param cards the card pictures of {@link Format#CARD} posts
     * @param cardScripts the script each subscribing chat's cards are drawn in (its text is converted after, by
     *     whoever converts the posts' text)
     */
    public ExcerptPosts(
            Corpus corpus, DailyRotation rotation, Messages messages, CardPictures cards, CardScripts cardScripts) {
        this.cardScripts = Objects.requireNonNull(cardScripts, "cardScripts");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.sections = new ExcerptSections(corpus);
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.pool = rotation.pool();
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public Post compose(Subscription subscription, LocalDate localDate) {
        Locale locale = Locale.forLanguageTag(subscription.language());
        Texts texts = messages.texts(locale);
        Script script =
                subscription.format() == Format.CARD ? cardScripts.of(subscription.chat(), locale) : Script.SIMPLIFIED;
        if (subscription.mode() == Mode.SEQUENTIAL) {
            long cursor = subscription.cursor();
            int index = (int) (cursor % pool.size());
            Excerpt excerpt = pool.get(index);
            String title = texts.get("post.title.sequential", index + 1, pool.size());
            return new Post(reply(title, excerpt, subscription.format(), script, texts), OptionalLong.of(cursor));
        }
        DailyKey key = new DailyKey(localDate, subscription.language(), subscription.format(), script);
        Post post = daily.get(key);
        if (post == null) {
            Excerpt excerpt = rotation.excerptFor(localDate);
            post = new Post(
                    reply(texts.get("post.title.daily", localDate), excerpt, subscription.format(), script, texts),
                    OptionalLong.empty());
            if (daily.size() >= MAX_DAILY) daily.clear();
            daily.put(key, post);
        }
        return post;
    }

    /**
     * The excerpt's reply; for a card post the same reply carrying the card pictures (each captioned with the
     * citation) in the chat's script, which adapters that show pictures send instead of the text.
     */
    private Reply reply(String title, Excerpt excerpt, Format format, Script script, Texts texts) {
        Reply text = sections.reply(title, excerpt, texts);
        if (format == Format.TEXT) return text;
        CardContent card = CardContent.of(corpus, excerpt, texts, texts.get("card.bot.name"));
        List<Picture> pictures = cards.pictures(card.in(script, texts), Theme.LIGHT);
        return new Reply(text.kind(), text.title(), text.sections(), text.actions(), pictures, text.personal());
    }

    /** How many excerpts a sequential reading goes through before it starts again. */
    public int sequenceLength() {
        return pool.size();
    }
}
