package org.excerptbot.core.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.DocumentInfo;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.core.subscription.Mode;

/**
 * The posts of the product: {@link Mode#DAILY} sends the rotation's excerpt of the subscriber's local date;
 * {@link Mode#SEQUENTIAL} sends the excerpt at the subscription's cursor, in the pool's reading order (the four
 * texts through, then from the start again).
 */
public final class ExcerptPosts implements PostComposer {
    private final Corpus corpus;
    private final ExcerptPool pool;
    private final DailyRotation rotation;
    private final Messages messages;

    public ExcerptPosts(Corpus corpus, DailyRotation rotation, Messages messages) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.pool = rotation.pool();
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public Post compose(org.excerptbot.core.subscription.Subscription subscription, java.time.LocalDate localDate) {
        Texts texts = messages.texts(Locale.forLanguageTag(subscription.language()));
        if (subscription.mode() == Mode.SEQUENTIAL) {
            long cursor = subscription.cursor();
            Excerpt excerpt = pool.get((int) (cursor % pool.size()));
            String title = texts.get("post.title.sequential", cursor % pool.size() + 1, pool.size());
            return new Post(reply(title, excerpt), OptionalLong.of(cursor));
        }
        Excerpt excerpt = rotation.excerptFor(localDate);
        return new Post(reply(texts.get("post.title.daily", localDate), excerpt), OptionalLong.empty());
    }

    /** How many excerpts a sequential reading goes through before it starts again. */
    public int sequenceLength() {
        return pool.size();
    }

    private Reply reply(String title, Excerpt excerpt) {
        DocumentInfo info = corpus.info(excerpt.ref());
        Citation citation = new Citation(
                info.title(), info.author(), info.delivered().orElse(info.published()), Optional.of(excerpt.id()));
        return Reply.builder(Reply.Kind.CONTENT)
                .title(title)
                .section(Section.cited(List.of(Span.plain(excerpt.text())), citation))
                .build();
    }
}
