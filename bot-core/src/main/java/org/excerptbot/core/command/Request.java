package org.excerptbot.core.command;

import java.util.Locale;
import java.util.Objects;

/**
 * A platform-neutral request: who asked, where, in which language, and what.
 *
 * @param locale the user's language; the interface speaks Simplified Chinese unless this is English
 * @param admin asks lazily whether the user administers the chat
 */
public record Request(ChatRef chat, UserRef user, Locale locale, Input input, AdminCheck admin) {
    public Request {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(admin, "admin");
    }
}
