package org.excerptbot.core.command.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.related.RelatedActions;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.CardActions;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.core.search.CrossReferences;

/** /read document [paragraph], or /read 1.11: a body paragraph verbatim, its position, and the way on. */
public final class ReadCommand implements CommandHandler {
    private final Corpus corpus;
    private final Supplier<CrossReferences> links;

    public ReadCommand(Corpus corpus, Supplier<CrossReferences> links) {
        this.corpus = corpus;
        this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * {@code document} from 1 to the number of documents, which may be typed together with the paragraph as
     * {@code 1.11}; {@code paragraph} from 1 to the document's paragraph count, 1 when left out.
     */
    public CommandSpec spec() {
        int longest =
                corpus.documents().stream().mapToInt(d -> d.body().size()).max().orElse(1);
        return CommandSpec.everyone(
                "read",
                List.of(
                        ArgSpec.integer("document", 1, corpus.documents().size())
                                .joinedWithNext(),
                        ArgSpec.integer("paragraph", 1, longest)
                                .atMost(earlier -> paragraphsOf(earlier.integer("document")))
                                .asOptional()),
                this);
    }

    private int paragraphsOf(int document) {
        return corpus.document(document).orElseThrow().body().size();
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        Document document = corpus.document(context.integer("document")).orElseThrow();
        int par = context.optionalInteger("paragraph").orElse(1);
        int paragraphs = document.body().size();
        ParagraphRef ref = new ParagraphRef(document.number(), par);
        return Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("read.title", ref.position(), title(document, texts), par, paragraphs))
                .section(Section.cited(
                        List.of(Span.plain(document.body().get(par - 1).text())), Citations.of(corpus, ref, texts)))
                .actionRow(navigation(ref, texts))
                .actionRow(List.of(
                        CardActions.of(ref, texts), new Action(texts.get("action.save"), "save " + ref.position())))
                .actionRow(RelatedActions.of(links.get(), ref, texts))
                .build();
    }

    private static String title(Document document, Texts texts) {
        return texts.english()
                ? document.info().titleEn()
                : "《" + document.info().title() + "》";
    }

    private List<Action> navigation(ParagraphRef ref, Texts texts) {
        List<Action> row = new ArrayList<>();
        previous(ref).ifPresent(p -> row.add(new Action(texts.get("action.previous", p.position()), data(p))));
        next(ref).ifPresent(n -> row.add(new Action(texts.get("action.next", n.position()), data(n))));
        return row;
    }

    private Optional<ParagraphRef> previous(ParagraphRef ref) {
        if (ref.paragraph() > 1) return Optional.of(new ParagraphRef(ref.document(), ref.paragraph() - 1));
        return corpus.document(ref.document() - 1)
                .map(d -> new ParagraphRef(d.number(), d.body().size()));
    }

    private Optional<ParagraphRef> next(ParagraphRef ref) {
        Document d = corpus.document(ref.document()).orElseThrow();
        if (ref.paragraph() < d.body().size())
            return Optional.of(new ParagraphRef(ref.document(), ref.paragraph() + 1));
        return corpus.document(ref.document() + 1).map(n -> new ParagraphRef(n.number(), 1));
    }

    private static String data(ParagraphRef ref) {
        return "read " + ref.document() + " " + ref.paragraph();
    }
}
