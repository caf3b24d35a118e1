package org.excerptbot.core.command.builtin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardPassages;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.core.script.Script;

/**
 * /card: today's excerpt as a quote card; /card 1.11 (or /card 1 11) a whole paragraph; /card 1 11 2 the excerpt
 * of paragraph 1.11 that holds its second sentence (what the card button under an excerpt sends). A long paragraph
 * gives several numbered cards. The reply carries the cards as pictures, drawn in the chat's script, and the same
 * passage as text.
 */
public final class CardCommand implements CommandHandler {
    private final Corpus corpus;
    private final DailyRotation rotation;
    private final ChatZones zones;
    private final Clock clock;
    private final CardPictures pictures;
    private final CardScripts scripts;

    /** Cards in simplified characters for every chat. */
    public CardCommand(Corpus corpus, DailyRotation rotation, ChatZones zones, Clock clock, CardPictures pictures) {
        this(corpus, rotation, zones, clock, pictures, CardScripts.SIMPLIFIED);
    }

    /** @param scripts the script each chat's cards are drawn in */
    public CardCommand(
            Corpus corpus,
            DailyRotation rotation,
            ChatZones zones,
            Clock clock,
            CardPictures pictures,
            CardScripts scripts) {
        this.corpus = corpus;
        this.rotation = rotation;
        this.zones = zones;
        this.clock = clock;
        this.pictures = pictures;
        this.scripts = Objects.requireNonNull(scripts, "scripts");
    }

    /**
     * {@code document} and {@code paragraph} as for /read ({@code 1.11} or {@code 1 11}), both optional (none:
     * today's excerpt); {@code sentence}, optional, from 1 to the paragraph's sentence count.
     */
    public CommandSpec spec() {
        int longest =
                corpus.documents().stream().mapToInt(d -> d.body().size()).max().orElse(1);
        int mostSentences =
                corpus.paragraphs().mapToInt(p -> p.sentences().size()).max().orElse(1);
        return CommandSpec.everyone(
                "card",
                List.of(
                        ArgSpec.integer("document", 1, corpus.documents().size())
                                .joinedWithNext()
                                .asOptional(),
                        ArgSpec.integer("paragraph", 1, longest)
                                .atMost(earlier -> paragraphsOf(
                                        earlier.optionalInteger("document").orElse(1)))
                                .asOptional(),
                        ArgSpec.integer("sentence", 1, Math.max(1, mostSentences))
                                .atMost(earlier -> sentencesOf(
                                        earlier.optionalInteger("document").orElse(1),
                                        earlier.optionalInteger("paragraph").orElse(1)))
                                .asOptional()),
                this);
    }

    private int paragraphsOf(int document) {
        return corpus.document(document).orElseThrow().body().size();
    }

    private int sentencesOf(int document, int paragraph) {
        return Math.max(
                1, paragraph(new ParagraphRef(document, paragraph)).sentences().size());
    }

    private Paragraph paragraph(ParagraphRef ref) {
        return corpus.paragraph(ref).orElseThrow();
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        Optional<Integer> document = context.optionalInteger("document");
        if (document.isEmpty()) {
            ZoneId zone = zones.zoneOf(context.request().chat());
            return excerpt(rotation.excerptFor(LocalDate.now(clock.withZone(zone))), context);
        }
        ParagraphRef ref = new ParagraphRef(
                document.get(), context.optionalInteger("paragraph").orElse(1));
        Optional<Integer> sentence = context.optionalInteger("sentence");
        if (sentence.isPresent()) {
            Optional<Excerpt> holding = excerptHolding(ref, sentence.get());
            if (holding.isPresent()) return excerpt(holding.get(), context);
        }
        Paragraph paragraph = paragraph(ref);
        return reply(CardContent.of(corpus, paragraph, texts, botName(texts)), ref, context);
    }

    private Reply excerpt(Excerpt excerpt, CommandContext context) {
        Texts texts = context.texts();
        return reply(CardContent.of(corpus, excerpt, texts, botName(texts)), excerpt.ref(), context);
    }

    /** The excerpt of the pool that holds a sentence of a paragraph; none for a paragraph that has no excerpts. */
    private Optional<Excerpt> excerptHolding(ParagraphRef ref, int sentence) {
        return rotation.pool().all().stream()
                .filter(e -> e.ref().equals(ref) && e.firstSentence() <= sentence && sentence <= e.lastSentence())
                .findFirst();
    }

    /**
     * The reply's text is as written, for the dispatcher's reply transform to convert with every other reply; its
     * cards are drawn in the chat's script here, since pictures are not converted after.
     */
    private Reply reply(CardContent content, ParagraphRef ref, CommandContext context) {
        Texts texts = context.texts();
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("card.title", ref.position()))
                .section(Section.cited(List.of(Span.plain(content.passage())), Citations.of(corpus, ref, texts)));
        Script script = scripts.of(context.request().chat(), context.request().locale());
        for (Picture p : pictures.pictures(content.in(script, texts), Theme.LIGHT)) reply.picture(p);
        return reply.actionRow(List.of(new Action(
                        texts.get("action.read.paragraph", ref.position()),
                        "read " + ref.document() + " " + ref.paragraph())))
                .build();
    }

    /** The name at the foot of every card, in the reader's language. */
    static String botName(Texts texts) {
        return CardPassages.botName(texts);
    }
}
