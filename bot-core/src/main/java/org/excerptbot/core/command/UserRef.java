package org.excerptbot.core.command;

import java.util.Objects;

/** The person who sent a command. On channels without an author the id is the chat's. */
public record UserRef(String id, String displayName) {
    public UserRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
