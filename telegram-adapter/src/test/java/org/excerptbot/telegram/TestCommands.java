package org.excerptbot.telegram;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * Commands for exercising the adapter's plumbing independently of the real ones: echo (user text), a pager with
 * buttons, an over-long reply, an admin-only command, a cited excerpt with markup characters, and a crash.
 */
final class TestCommands {
    static final Citation CITATION =
            new Citation("在<第二届>世界互联网大会开幕式上的讲话 & 致辞", "习近平", LocalDate.of(2015, 12, 16), Optional.of("1.11"));

    private TestCommands() {}

    static CommandRegistry registry() {
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(CommandSpec.everyone("echo", List.of(ArgSpec.optional("text")), c -> Reply.builder(Reply.Kind.CONTENT)
                .section(Section.of(Span.strong("echo: "), Span.plain(c.arguments())))
                .build()));
        specs.add(CommandSpec.everyone("page", List.of(), c -> {
            int page = c.page();
            Reply.Builder b = Reply.builder(Reply.Kind.CONTENT).section(Section.text("page " + page + " of 3"));
            List<Action> row = new ArrayList<>();
            if (page > 1) row.add(new Action("‹ " + (page - 1), "page:" + (page - 1)));
            if (page < 3) row.add(new Action((page + 1) + " ›", "page:" + (page + 1)));
            return b.actionRow(row).build();
        }));
        specs.add(CommandSpec.everyone("long", List.of(), c -> {
            Reply.Builder b = Reply.builder(Reply.Kind.CONTENT).title("长文 <long> & more");
            for (int s = 1; s <= 3; s++) {
                StringBuilder text = new StringBuilder();
                for (int i = 1; i <= 180; i++)
                    text.append("第").append(s).append("段第").append(i).append("句<&>互联互通。");
                b.section(Section.cited(List.of(Span.plain(text.toString())), CITATION));
            }
            return b.actionRow(List.of(new Action("next", "page:2"))).build();
        }));
        specs.add(new CommandSpec(
                "admin",
                List.of(),
                Privacy.CHAT_ADMIN,
                Locality.ALL,
                c -> Reply.notice("admin ok " + c.request().user().id())));
        specs.add(CommandSpec.everyone("cite", List.of(), c -> Reply.builder(Reply.Kind.CONTENT)
                .section(Section.cited(
                        List.of(Span.plain("互联网是<人类>的共同家园 & "), Span.match("互联互通"), Span.code("/search a<b")),
                        CITATION))
                .build()));
        specs.add(CommandSpec.everyone("crash", List.of(), c -> {
            throw new AssertionError("a bug that is not a RuntimeException");
        }));
        return CommandRegistry.of(specs);
    }
}
