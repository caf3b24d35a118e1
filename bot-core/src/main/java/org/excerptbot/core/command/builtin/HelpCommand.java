package org.excerptbot.core.command.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/** /start and /help: what the bot is, and every registered command with an example. */
public final class HelpCommand implements CommandHandler {
    private final String name;
    private final Supplier<List<CommandSpec>> commands;

    /**
     * @param name {@code start} or {@code help}; /start adds a greeting
     * @param commands the registry's commands, read at reply time so that every registered command is listed
     */
    public HelpCommand(String name, Supplier<List<CommandSpec>> commands) {
        this.name = name;
        this.commands = commands;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone(name, List.of(), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT).title(texts.get("help.title"));
        if (name.equals("start")) reply.section(Section.text(texts.get("start.greeting")));
        reply.section(Section.text(texts.get("help.intro")));
        List<Span> lines = new ArrayList<>();
        for (CommandSpec spec : commands.get()) {
            if (!lines.isEmpty()) lines.add(Span.plain("\n"));
            lines.add(Span.code("/" + spec.name()));
            lines.add(Span.plain(" — " + texts.get(spec.descriptionKey())));
            if (texts.has(spec.exampleKey())) {
                lines.add(Span.plain(texts.get("help.example")));
                lines.add(Span.code(texts.get(spec.exampleKey())));
            }
        }
        return reply.section(new Section(lines, java.util.Optional.empty())).build();
    }
}
