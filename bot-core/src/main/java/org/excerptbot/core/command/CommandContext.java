package org.excerptbot.core.command;

import org.excerptbot.core.i18n.Texts;

/**
 * One invocation of a command.
 *
 * @param arguments the text after the command name, stripped; empty when there is none
 * @param texts the interface strings in the user's language
 * @param page the page asked for by a paging button; 1 for a typed command
 */
public record CommandContext(Request request, String arguments, Texts texts, int page) {
    public CommandContext {
        arguments = arguments == null ? "" : arguments.strip();
        if (page < 1) throw new IllegalArgumentException("page: must be at least 1, was " + page);
    }

    /** The arguments split on white space; empty when there are none. */
    public java.util.List<String> words() {
        return arguments.isEmpty() ? java.util.List.of() : java.util.List.of(arguments.split("\\s+"));
    }
}
