package org.excerptbot.core.command;

import org.excerptbot.core.reply.Reply;

/** The logic of one command: a neutral request in, a neutral reply out. Never sees a platform type. */
@FunctionalInterface
public interface CommandHandler {
    /**
     * Answers one invocation. Bad input is answered with {@link Reply#error}; an exception escaping here is a
     * bug, which the dispatcher still turns into a polite reply.
     */
    Reply handle(CommandContext context);
}
