package org.excerptbot.core.command;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform-neutral request: who asked, where, in which language, and what.
 *
 * @param locale the user's language; the interface speaks Simplified Chinese unless this is English
 * @param admin asks lazily whether the user administers the chat
 * @param repliedTo the message the request points at (a command sent as a reply), if any
 */
public record Request(
        ChatRef chat, UserRef user, Locale locale, Input input, AdminCheck admin, Optional<RepliedTo> repliedTo) {
    public Request {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(repliedTo, "repliedTo");
    }

    /** A request that points at no message. */
    public Request(ChatRef chat, UserRef user, Locale locale, Input input, AdminCheck admin) {
        this(chat, user, locale, input, admin, Optional.empty());
    }
}
