package org.excerptbot.core.command.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.Reference;
import org.excerptbot.core.reference.References;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * /passage references: the passages a message names ({@link References}), as /read, /principle and /proposal show
 * them. The adapters send it for chat messages that name passages, so a reader may just type {@code 1.11} or
 * {@code 原则二}. One reference gets exactly that command's reply; several get their passages in one reply, at
 * most {@link #MAX_SHOWN}, with a hint for the rest.
 */
public final class PassageCommand implements CommandHandler {
    /** The most passages one reply shows. */
    public static final int MAX_SHOWN = 3;

    public CommandSpec spec() {
        return CommandSpec.everyone(References.COMMAND, List.of(ArgSpec.text("references", 1, ArgSpec.MAX_TEXT)), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        List<Reference> references = References.find(context.text("references"));
        if (references.isEmpty()) return Reply.error(texts.get("passage.none"));
        if (references.size() == 1) return show(context, references.get(0));
        List<Reference> shown = references.subList(0, Math.min(MAX_SHOWN, references.size()));
        List<Reply> replies = new ArrayList<>();
        for (Reference r : shown) replies.add(show(context, r));
        boolean anyContent = replies.stream().anyMatch(r -> r.kind() != Reply.Kind.ERROR);
        Reply.Builder reply = Reply.builder(anyContent ? Reply.Kind.CONTENT : Reply.Kind.ERROR);
        if (anyContent) reply.title(texts.get("passage.title", shown.size()));
        List<Action> open = new ArrayList<>();
        for (Reply r : replies) {
            if (r.kind() == Reply.Kind.ERROR) {
                reply.section(Section.text(r.plainText()));
                continue;
            }
            r.title().ifPresent(t -> reply.section(Section.of(Span.strong(t))));
            r.sections().forEach(reply::section);
            firstPosition(r)
                    .ifPresent(p -> open.add(new Action(
                            texts.get("action.open", p.position()), "read " + p.document() + " " + p.paragraph())));
        }
        if (references.size() > shown.size()) {
            List<String> rest = references.subList(shown.size(), references.size()).stream()
                    .map(Reference::canonical)
                    .toList();
            reply.section(Section.of(
                    Span.plain(texts.get("passage.more", MAX_SHOWN, rest.size())),
                    Span.code("/" + References.COMMAND + " " + String.join(" ", rest))));
        }
        return reply.actionRow(open).build();
    }

    private static Reply show(CommandContext context, Reference reference) {
        return context.delegate(reference.command(), reference.arguments());
    }

    private static Optional<ParagraphRef> firstPosition(Reply reply) {
        return reply.sections().stream()
                .flatMap(s -> s.citation().stream())
                .flatMap(c -> c.position().stream())
                .findFirst()
                .flatMap(ParagraphRef::parse);
    }
}
