package org.excerptbot.core.command;

import java.util.List;

/**
 * Values worth offering for a command's argument while it is being typed (Discord autocomplete, buttons), for the
 * chat it is typed in: the times of the chat's schedules for {@code /unsubscribe}, say. Offered values still go
 * through the argument's {@link ArgSpec} when the command runs.
 */
@FunctionalInterface
public interface Suggestions {
    /** Offers nothing. */
    Suggestions NONE = (argument, chat) -> List.of();

    /** The values to offer for the named argument in this chat, best first; empty when there are none. */
    List<String> values(String argument, ChatRef chat);
}
