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
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.Passages;
import org.excerptbot.core.related.RelatedActions;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.core.search.CrossReferences;

/**
 * /related reference: for a principle or proposal ({@code 1.11}, {@code 原则二}) the commentary paragraphs that
 * discuss it, for a commentary paragraph ({@code 3.2}) the principles and proposals it discusses.
 */
public final class RelatedCommand implements CommandHandler {
    /** The characters of a commentary paragraph shown in the list. */
    static final int PREVIEW = 60;

    private final Corpus corpus;
    private final Supplier<CrossReferences> links;

    public RelatedCommand(Corpus corpus, Supplier<CrossReferences> links) {
        this.corpus = corpus;
        this.links = Objects.requireNonNull(links, "links");
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("related", List.of(ArgSpec.text("reference", 1, ArgSpec.MAX_TEXT)), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        String typed = context.text("reference");
        Optional<ParagraphRef> ref = Passages.first(corpus, typed);
        if (ref.isEmpty()) return Reply.error(texts.get("related.unknown", typed));
        Optional<Point> point = links.get().pointAt(ref.get());
        if (point.isPresent()) return commentaries(point.get(), texts);
        List<Point> points = links.get().pointsOf(ref.get());
        if (points.isEmpty())
            return Reply.notice(texts.get("related.none", ref.get().position()));
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("related.points.title", ref.get().position()));
        for (Point p : points) {
            String kind =
                    texts.get(p.kind() == Point.Kind.PRINCIPLE ? "related.principle" : "related.proposal", p.number());
            reply.section(Section.of(
                    Span.strong(kind + " "),
                    Span.plain(p.name() + "（" + p.paragraph().ref().position() + "）")));
        }
        List<Action> buttons = new ArrayList<>();
        for (Point p : points) buttons.add(RelatedActions.point(p, texts));
        for (int i = 0; i < buttons.size(); i += 5)
            reply.actionRow(buttons.subList(i, Math.min(buttons.size(), i + 5)));
        return reply.build();
    }

    private Reply commentaries(Point point, Texts texts) {
        List<ParagraphRef> refs = links.get().commentariesOf(point);
        if (refs.isEmpty())
            return Reply.notice(
                    texts.get("related.none", point.paragraph().ref().position()));
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("related.commentaries.title", point.name(), refs.size()));
        for (ParagraphRef r : refs) {
            String text = corpus.paragraph(r).orElseThrow().text();
            reply.section(Section.of(Span.strong(r.position() + " "), Span.plain(Passages.preview(text, PREVIEW))));
        }
        return reply.actionRow(RelatedActions.of(links.get(), point.paragraph().ref(), texts))
                .build();
    }
}
