package org.excerptbot.telegram;

import org.excerptbot.core.command.CommandRegistry;

/** The commands the benchmark's bot runs: the built-in ones over the packaged corpus. */
final class BenchCommands {
    private BenchCommands() {}

    static CommandRegistry registry() {
        return RealBot.registry();
    }

    static InlineSource inline() {
        return RealBot.inline();
    }

    /** The command each benchmark user sends. */
    static String command() {
        return "/today";
    }
}
