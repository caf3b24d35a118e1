package org.excerptbot.core.command;

/** Where a request came from and where a reply or post goes. */
public enum Platform {
    TELEGRAM,
    DISCORD,
    CONSOLE
}
