package org.excerptbot.core.command.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.DocumentInfo;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/** /docs: the four documents with title, author, source, date and paragraph count. */
public final class DocsCommand implements CommandHandler {
    private final Corpus corpus;

    public DocsCommand(Corpus corpus) {
        this.corpus = corpus;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("docs", List.of(), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT).title(texts.get("docs.title"));
        List<Action> buttons = new ArrayList<>();
        for (Document d : corpus.documents()) {
            DocumentInfo info = d.info();
            String heading = d.number() + ". 《" + info.title() + "》"
                    + info.subtitle().map(s -> " " + s).orElse("");
            String details = texts.get(
                    "docs.details",
                    texts.english() ? info.authorEn() : info.author(),
                    info.source(),
                    info.published(),
                    d.body().size(),
                    info.delivered()
                            .map(day -> texts.get(
                                    "docs.delivered", day, info.place().orElse("")))
                            .orElse(""));
            List<Span> spans = new ArrayList<>();
            spans.add(Span.strong(heading));
            if (texts.english()) spans.add(Span.plain("\n" + info.titleEn()));
            spans.add(Span.plain("\n" + details));
            reply.section(new Section(spans, Optional.empty()));
            buttons.add(new Action(texts.get("action.read.document", d.number()), "read " + d.number() + " 1"));
        }
        return reply.section(Section.of(Span.plain(texts.get("docs.hint")), Span.code("/read 1 11")))
                .actionRow(buttons)
                .build();
    }
}
