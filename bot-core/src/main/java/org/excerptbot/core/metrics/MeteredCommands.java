package org.excerptbot.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.reply.Reply;

/**
 * Decorates every command of a registry so that each call the dispatcher makes is counted by command name,
 * platform and reply kind. Build the {@link org.excerptbot.core.command.CommandDispatcher} on the registry this
 * returns. Requests rejected before a handler runs (flood control, unknown command, privacy, arguments) are not counted:
 * only registered names become labels.
 */
public final class MeteredCommands {
    private MeteredCommands() {}

    /** The same commands, in the same order, each counted in {@code metrics}. */
    public static CommandRegistry wrap(CommandRegistry registry, BotMetrics metrics) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(metrics, "metrics");
        List<CommandSpec> specs = new ArrayList<>();
        for (CommandSpec spec : registry.specs()) {
            CommandHandler inner = spec.handler();
            CommandHandler counted = context -> {
                Reply reply;
                try {
                    reply = inner.handle(context);
                } catch (RuntimeException e) {
                    metrics.commandHandled(context.request().chat().platform(), spec.name(), Reply.Kind.ERROR);
                    throw e;
                }
                metrics.commandHandled(context.request().chat().platform(), spec.name(), reply.kind());
                return reply;
            };
            specs.add(new CommandSpec(spec.name(), spec.arguments(), spec.privacy(), spec.locality(), counted));
        }
        return CommandRegistry.of(specs);
    }
}
