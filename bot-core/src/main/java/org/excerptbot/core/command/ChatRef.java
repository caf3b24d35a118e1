package org.excerptbot.core.command;

import java.util.Objects;

/**
 * A conversation on one platform. The id is the platform's own, as text (Telegram chat ids are 64-bit,
 * Discord channel ids are snowflakes).
 */
public record ChatRef(Platform platform, String id, ChatType type) {
    public ChatRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id: must not be blank");
    }

    /** The same chat under a new id, after Telegram moved a group to a supergroup. */
    public ChatRef withId(String newId) {
        return new ChatRef(platform, newId, type);
    }
}
