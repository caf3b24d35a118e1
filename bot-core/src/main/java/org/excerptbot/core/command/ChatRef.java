package org.excerptbot.core.command;

import java.util.Objects;
import java.util.Optional;

/**
 * A conversation on one platform. The id is the platform's own, as text (Telegram chat ids are 64-bit,
 * Discord channel ids are snowflakes).
 *
 * @param thread the sub-conversation inside the chat that a message came from and an answer goes to (a topic of a
 *     Telegram forum), as the platform's id; empty for the chat's main conversation. A chat is one chat whatever
 *     its thread: a subscription belongs to the chat and posts into the thread it was made in.
 */
public record ChatRef(Platform platform, String id, ChatType type, Optional<String> thread) {
    public ChatRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id: must not be blank");
        Objects.requireNonNull(thread, "thread");
        if (thread.isPresent() && thread.get().isBlank()) {
            throw new IllegalArgumentException("thread: must not be blank when present");
        }
    }

    /** The chat's main conversation. */
    public ChatRef(Platform platform, String id, ChatType type) {
        this(platform, id, type, Optional.empty());
    }

    /** The same chat under a new id, after Telegram moved a group to a supergroup. */
    public ChatRef withId(String newId) {
        return new ChatRef(platform, newId, type, thread);
    }

    /** The same chat, in the given thread (empty: its main conversation). */
    public ChatRef inThread(Optional<String> newThread) {
        return new ChatRef(platform, id, type, newThread);
    }
}
