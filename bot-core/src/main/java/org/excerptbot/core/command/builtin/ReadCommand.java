package org.excerptbot.core.command.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/** /read document [paragraph], or /read 1.11: a body paragraph verbatim, its position, and the way on. */
public final class ReadCommand implements CommandHandler {
    private final Corpus corpus;

    public ReadCommand(Corpus corpus) {
        this.corpus = corpus;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("read", List.of(ArgSpec.required("document"), ArgSpec.optional("paragraph")), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        List<String> words = context.words();
        int documents = corpus.documents().size();
        if (words.isEmpty()) return Reply.error(texts.get("error.read.usage", documents));
        if (words.size() > 2) return Reply.error(texts.get("error.read.too.many"));
        Optional<ParagraphRef> dotted = words.size() == 1 ? ParagraphRef.parse(words.get(0)) : Optional.empty();
        int doc;
        int par;
        if (dotted.isPresent()) {
            doc = dotted.get().document();
            par = dotted.get().paragraph();
        } else {
            Optional<Integer> d = NumberArgument.parse(words.get(0));
            if (d.isEmpty())
                return Reply.error(
                        texts.get("error.read.document.not.number", PointCommand.shorten(words.get(0)), documents));
            doc = d.get();
            if (words.size() == 1) {
                par = 1;
            } else {
                Optional<Integer> p = NumberArgument.parse(words.get(1));
                if (p.isEmpty())
                    return Reply.error(
                            texts.get("error.read.paragraph.not.number", PointCommand.shorten(words.get(1))));
                par = p.get();
            }
        }
        Optional<Document> document = corpus.document(doc);
        if (document.isEmpty()) return Reply.error(texts.get("error.read.no.document", doc, documents));
        int paragraphs = document.get().body().size();
        if (par < 1 || par > paragraphs) return Reply.error(texts.get("error.read.no.paragraph", doc, paragraphs, par));
        ParagraphRef ref = new ParagraphRef(doc, par);
        return Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("read.title", ref.position(), title(document.get(), texts), par, paragraphs))
                .section(Section.cited(
                        List.of(Span.plain(document.get().body().get(par - 1).text())),
                        Citations.of(corpus, ref, texts)))
                .actionRow(navigation(ref, texts))
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
