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
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.related.RelatedActions;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.CardActions;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.core.search.CrossReferences;

/**
 * /principle [1-4] and /proposal [1-5]: one point's whole paragraph, or with no number the list of names.
 */
public final class PointCommand implements CommandHandler {
    private final Corpus corpus;
    private final Supplier<CrossReferences> links;
    private final Point.Kind kind;
    private final String name;

    public PointCommand(Corpus corpus, Point.Kind kind, Supplier<CrossReferences> links) {
        this.corpus = corpus;
        this.links = Objects.requireNonNull(links, "links");
        this.kind = kind;
        this.name = kind == Point.Kind.PRINCIPLE ? "principle" : "proposal";
    }

    public CommandSpec spec() {
        return CommandSpec.everyone(
                name, List.of(ArgSpec.integer("number", 1, points().size()).asOptional()), this);
    }

    private List<Point> points() {
        return kind == Point.Kind.PRINCIPLE ? corpus.principles() : corpus.proposals();
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        Optional<Integer> number = context.optionalInteger("number");
        if (number.isEmpty()) return list(texts);
        int count = points().size();
        Point point = points().get(number.get() - 1);
        return Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get(name + ".title", point.number(), point.name()))
                .section(Section.cited(
                        List.of(Span.plain(point.paragraph().text())),
                        Citations.of(corpus, point.paragraph().ref(), texts)))
                .actionRow(neighbours(point.number(), count, texts))
                .actionRow(List.of(
                        CardActions.of(point.paragraph().ref(), texts),
                        new Action(
                                texts.get("action.save"),
                                "save " + point.paragraph().ref().position())))
                .actionRow(RelatedActions.of(links.get(), point.paragraph().ref(), texts))
                .build();
    }

    private Reply list(Texts texts) {
        StringBuilder lines = new StringBuilder();
        for (Point p : points()) {
            if (lines.length() > 0) lines.append('\n');
            lines.append(p.number()).append(". ").append(p.name());
        }
        List<Action> buttons = new ArrayList<>();
        for (Point p : points()) buttons.add(new Action(String.valueOf(p.number()), name + " " + p.number()));
        return Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get(name + ".list.title"))
                .section(Section.text(lines.toString()))
                .section(Section.of(Span.plain(texts.get("point.list.hint")), Span.code("/" + name + " 2")))
                .actionRow(buttons)
                .build();
    }

    private List<Action> neighbours(int number, int count, Texts texts) {
        List<Action> row = new ArrayList<>();
        if (number > 1) row.add(new Action(texts.get("action.previous", number - 1), name + " " + (number - 1)));
        if (number < count) row.add(new Action(texts.get("action.next", number + 1), name + " " + (number + 1)));
        return row;
    }
}
