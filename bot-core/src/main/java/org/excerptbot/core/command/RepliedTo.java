package org.excerptbot.core.command;

import java.util.List;
import java.util.Objects;

/**
 * The message a request points at: on Telegram the message a command replies to, on Discord the target of a message
 * command. A command that acts on a message reads it (/save as a reply to an excerpt saves that excerpt).
 *
 * @param text the message's text as its readers see it (an embed's text on Discord), possibly empty
 * @param actions the action data of its buttons, row by row; only meaningful when {@code own}, since another bot's
 *     buttons carry that bot's data
 * @param own whether this bot sent it (itself, or a user through its inline mode)
 */
public record RepliedTo(String text, List<String> actions, boolean own) {
    public RepliedTo {
        Objects.requireNonNull(text, "text");
        actions = List.copyOf(actions);
    }
}
