package org.excerptbot.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardKey;
import org.excerptbot.core.card.CardPassages;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.DocumentInfo;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.ExcerptSections;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.search.SearchHit;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;

/**
 * Inline mode from the corpus: a query finds the matching paragraphs through the {@link SearchIndex} (the same
 * search as /search, {@code in:N} included), each offered with its citation; an empty query offers the excerpt of
 * the day in the instance's default zone. Every item carries its passage's light card in the reader's script, with
 * the card's public URL when the bot's HTTP server has one.
 */
public final class CorpusInlineSource implements InlineSource {
    private final Corpus corpus;
    private final DailyRotation rotation;
    private final SearchIndex search;
    private final ZoneId zone;
    private final Clock clock;
    private final Messages messages;
    private final ExcerptSections sections;
    private final Optional<URI> publicUrl;
    private final CardScripts cardScripts;

    public CorpusInlineSource(
            Corpus corpus, DailyRotation rotation, SearchIndex search, ZoneId zone, Clock clock, Messages messages) {
        this(corpus, rotation, search, zone, clock, messages, Optional.empty(), CardScripts.SIMPLIFIED);
    }

    /**
     * @param publicUrl where the world reaches the bot's HTTP server, which serves the cards at
     *     {@link CardKey#path()}; empty when it is not reachable from outside
     * @param cardScripts the script each reader's cards are drawn in
     */
    public CorpusInlineSource(
            Corpus corpus,
            DailyRotation rotation,
            SearchIndex search,
            ZoneId zone,
            Clock clock,
            Messages messages,
            Optional<URI> publicUrl,
            CardScripts cardScripts) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.search = Objects.requireNonNull(search, "search");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.sections = new ExcerptSections(corpus);
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
        this.cardScripts = Objects.requireNonNull(cardScripts, "cardScripts");
    }

    @Override
    public boolean offersCardUrls() {
        return publicUrl.isPresent();
    }

    /** The passage's card in the reader's script, and its public URLs in that script. */
    private Optional<Card> card(String passage, CardContent content, Texts texts, Script script) {
        CardKey key = CardKey.of(passage, Theme.LIGHT, texts.locale(), script);
        return Optional.of(new Card(
                content.in(script, texts),
                publicUrl.map(base -> new Urls(
                        URI.create(base + key.path(CardKey.Rendition.JPEG)),
                        URI.create(base + key.path(CardKey.Rendition.THUMBNAIL))))));
    }

    @Override
    public Page find(String query, Locale locale, int offset, int limit) {
        return page(query, locale, Script.SIMPLIFIED, offset, limit);
    }

    @Override
    public Page find(String query, ChatRef reader, Locale locale, int offset, int limit) {
        return page(query, locale, cardScripts.of(reader, locale), offset, limit);
    }

    private Page page(String query, Locale locale, Script script, int offset, int limit) {
        Texts texts = messages.texts(locale);
        if (query.isBlank()) {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            Excerpt excerpt = rotation.excerptFor(today);
            String title = texts.get("today.title", today, zone.getId());
            Reply reply = Reply.builder(Reply.Kind.CONTENT)
                    .title(title)
                    .section(sections.section(excerpt, texts))
                    .build();
            CardContent card = CardContent.of(corpus, excerpt, texts, CardPassages.botName(texts));
            return new Page(
                    List.of(new Item(
                            "today-" + excerpt.id(),
                            title,
                            excerpt.text(),
                            reply,
                            card(excerpt.id(), card, texts, script))),
                    1);
        }
        if (SearchQuery.badFilter(query).isPresent()) return new Page(List.of(), 0);
        SearchResult result = search.search(SearchQuery.parse(query), offset, limit);
        List<Item> items = new ArrayList<>(result.hits().size());
        for (SearchHit hit : result.hits()) {
            Paragraph paragraph = corpus.paragraph(hit.ref()).orElse(null);
            if (paragraph == null) continue;
            DocumentInfo info = corpus.info(hit.ref());
            String snippet = hit.snippet().stream().map(Span::text).reduce("", String::concat);
            Reply reply = Reply.builder(Reply.Kind.CONTENT)
                    .section(Section.cited(
                            List.of(Span.plain(paragraph.text())), Citations.of(corpus, hit.ref(), texts)))
                    .build();
            String title = hit.ref().position() + " " + snippet;
            String document = texts.english() ? info.titleEn() : "《" + info.title() + "》";
            CardContent card = CardContent.of(corpus, paragraph, texts, CardPassages.botName(texts));
            items.add(new Item(
                    hit.ref().position(), title, document, reply, card(hit.ref().position(), card, texts, script)));
        }
        return new Page(items, result.total());
    }
}
