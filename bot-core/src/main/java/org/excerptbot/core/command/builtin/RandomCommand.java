package org.excerptbot.core.command.builtin;

import java.util.List;
import java.util.random.RandomGenerator;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.reply.ExcerptSections;
import org.excerptbot.core.reply.Reply;

/** /random: any excerpt of the pool. */
public final class RandomCommand implements CommandHandler {
    private final ExcerptPool pool;
    private final ExcerptSections sections;
    private final RandomGenerator random;

    public RandomCommand(ExcerptPool pool, ExcerptSections sections, RandomGenerator random) {
        this.pool = pool;
        this.sections = sections;
        this.random = random;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("random", List.of(), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        return sections.reply(
                context.texts().get("random.title"), pool.get(random.nextInt(pool.size())), context.texts());
    }
}
