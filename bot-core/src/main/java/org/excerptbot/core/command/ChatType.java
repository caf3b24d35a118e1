package org.excerptbot.core.command;

/** The kind of conversation: a private chat, a group (Discord: a guild channel) or a broadcast channel. */
public enum ChatType {
    PRIVATE,
    GROUP,
    CHANNEL
}
