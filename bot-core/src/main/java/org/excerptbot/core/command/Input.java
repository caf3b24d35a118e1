package org.excerptbot.core.command;

import java.util.Objects;

/** What the user did: typed a command, or pressed a button carrying action data. */
public sealed interface Input {
    /**
     * A command, without its slash or bot suffix: {@code name} is lower case, {@code arguments} the rest of the
     * line as typed (possibly empty).
     */
    record Command(String name, String arguments) implements Input {
        public Command {
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? "" : arguments;
        }
    }

    /** A pressed button; {@code data} is an {@link org.excerptbot.core.reply.Action}'s data. */
    record Action(String data) implements Input {
        public Action {
            Objects.requireNonNull(data, "data");
        }
    }
}
