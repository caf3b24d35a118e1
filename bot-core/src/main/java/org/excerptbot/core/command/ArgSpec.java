package org.excerptbot.core.command;

import java.util.Objects;

/**
 * One argument of a command. Its description is the message {@code command.<command>.arg.<name>}.
 *
 * @param required whether the command refuses to run without it
 */
public record ArgSpec(String name, boolean required) {
    public ArgSpec {
        Objects.requireNonNull(name, "name");
    }

    public static ArgSpec required(String name) {
        return new ArgSpec(name, true);
    }

    public static ArgSpec optional(String name) {
        return new ArgSpec(name, false);
    }
}
