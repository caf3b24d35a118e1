package org.excerptbot.core.command.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * /start and /help: what the bot is, and every command of the dispatcher's registry with an example. Text after
 * the command is accepted and ignored: Telegram's deep links send {@code /start <payload>}, and {@code /help
 * read} still deserves the list.
 */
public final class HelpCommand implements CommandHandler {
    private final String name;

    /** @param name {@code start} or {@code help}; /start adds a greeting */
    public HelpCommand(String name) {
        if (!name.equals("start") && !name.equals("help")) {
            throw new IllegalArgumentException("name: start or help, was '" + name + "'");
        }
        this.name = name;
    }

    public CommandSpec spec() {
        String argument = name.equals("start") ? "payload" : "topic";
        return CommandSpec.everyone(
                name, List.of(ArgSpec.text(argument, 1, ArgSpec.MAX_TEXT).asOptional()), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT).title(texts.get("help.title"));
        if (name.equals("start")) reply.section(Section.text(texts.get("start.greeting")));
        reply.section(Section.text(texts.get("help.intro")));
        List<Span> lines = new ArrayList<>();
        for (CommandSpec spec : context.registry().specs()) {
            if (!lines.isEmpty()) lines.add(Span.plain("\n"));
            lines.add(Span.code("/" + spec.name()));
            lines.add(Span.plain(" — " + texts.get(spec.descriptionKey())));
            if (texts.has(spec.exampleKey())) {
                lines.add(Span.plain(texts.get("help.example")));
                lines.add(Span.code(texts.get(spec.exampleKey())));
            }
        }
        return reply.section(new Section(lines, Optional.empty())).build();
    }
}
