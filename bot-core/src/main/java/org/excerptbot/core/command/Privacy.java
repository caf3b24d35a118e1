package org.excerptbot.core.command;

/** Who may run a command. */
public enum Privacy {
    /** Anyone. */
    PUBLIC,
    /** In groups and channels only the chat's administrators; in a private chat its user. */
    CHAT_ADMIN,
    /** Only the instance's owner (configured per platform). */
    OWNER
}
