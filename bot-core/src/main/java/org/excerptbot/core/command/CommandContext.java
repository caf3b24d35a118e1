package org.excerptbot.core.command;

import org.excerptbot.core.i18n.Texts;

/**
 * One invocation of a command.
 *
 * @param arguments the text after the command name, stripped; empty when there is none
 * @param texts the interface strings in the user's language
 */
public record CommandContext(Request request, String arguments, Texts texts) {
    public CommandContext {
        arguments = arguments == null ? "" : arguments.strip();
    }

    /** The arguments split on white space; empty when there are none. */
    public java.util.List<String> words() {
        return arguments.isEmpty() ? java.util.List.of() : java.util.List.of(arguments.split("\\s+"));
    }
}
