package org.excerptbot.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;

/**
 * One chat's daily post: when (a {@link Slot}), what ({@link Mode}), in which interface language, and for
 * sequential reading how far it has got.
 *
 * @param language the interface language of the post's frame ({@code zh} or {@code en})
 * @param cursor the number of sequential posts sent so far (the index of the next excerpt to read)
 * @param changedAt when the settings last changed; a post due before that is not caught up
 */
public record Subscription(
        long id,
        ChatRef chat,
        Slot slot,
        Mode mode,
        String language,
        long cursor,
        SubscriptionStatus status,
        Instant changedAt) {
    public Subscription {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(changedAt, "changedAt");
        if (cursor < 0) throw new IllegalArgumentException("cursor: must not be negative, was " + cursor);
    }

    public boolean active() {
        return status == SubscriptionStatus.ACTIVE;
    }
}
