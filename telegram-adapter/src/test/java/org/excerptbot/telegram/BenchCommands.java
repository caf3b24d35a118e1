package org.excerptbot.telegram;

import org.excerptbot.core.command.CommandRegistry;

/** The commands the benchmark's bot runs: the adapter's test commands until the built-in ones are wired here. */
final class BenchCommands {
    private BenchCommands() {}

    static CommandRegistry registry() {
        return TestCommands.registry();
    }

    static InlineSource inline() {
        return InlineSource.NONE;
    }

    /** The command each benchmark user sends. */
    static String command() {
        return "/cite";
    }
}
