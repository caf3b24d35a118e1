package org.excerptbot.core.command.builtin;

import java.util.List;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.Erratum;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/** /about: the sources, the errata applied to them, and the version. */
public final class AboutCommand implements CommandHandler {
    private final Corpus corpus;
    private final String version;
    private final long seed;

    public AboutCommand(Corpus corpus, String version, long seed) {
        this.corpus = corpus;
        this.version = version;
        this.seed = seed;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("about", List.of(), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        StringBuilder sources = new StringBuilder();
        for (Document d : corpus.documents()) {
            if (sources.length() > 0) sources.append('\n');
            sources.append(d.number())
                    .append(". ")
                    .append(d.info().author())
                    .append("《")
                    .append(d.info().title())
                    .append("》，")
                    .append(texts.get(
                            "about.source.line", d.info().source(), d.info().published()));
        }
        StringBuilder errata = new StringBuilder();
        for (Erratum e : corpus.errata()) {
            if (errata.length() > 0) errata.append('\n');
            errata.append(texts.get("about.erratum", e.ref().position(), e.original(), e.corrected(), e.note()));
        }
        return Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("about.title"))
                .section(Section.text(texts.get("about.intro")))
                .section(Section.of(Span.strong(texts.get("about.sources")), Span.plain("\n" + sources)))
                .section(Section.of(
                        Span.strong(texts.get("about.errata")),
                        Span.plain("\n" + (errata.length() == 0 ? texts.get("about.errata.none") : errata))))
                .section(Section.text(texts.get("about.version", version, seed)))
                .build();
    }
}
