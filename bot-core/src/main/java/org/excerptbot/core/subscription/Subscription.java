package org.excerptbot.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;

/**
 * One of a chat's daily posts (a chat may have several, at different local times): when (a {@link Slot}, on its
 * {@link Days}), what ({@link Mode}), how it looks ({@link Format}), in which interface language, and for sequential
 * reading how far it has got.
 *
 * @param language the language the chat subscribed in ({@code zh}, {@code zh-TW} or {@code en}): the interface
 *     language of the post's frame, and for {@code zh-TW} the default script of its text (traditional)
 * @param cursor the number of sequential posts sent so far (the index of the next excerpt to read)
 * @param changedAt when the settings last changed; a post due before that is not caught up
 */
public record Subscription(
        long id,
        ChatRef chat,
        Slot slot,
        Mode mode,
        Days days,
        Format format,
        String language,
        long cursor,
        SubscriptionStatus status,
        Instant changedAt) {
    public Subscription {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(changedAt, "changedAt");
        if (cursor < 0) throw new IllegalArgumentException("cursor: must not be negative, was " + cursor);
    }

    /** When, on which days, what and how it posts. */
    public Schedule schedule() {
        return new Schedule(slot, mode, days, format);
    }

    public boolean active() {
        return status == SubscriptionStatus.ACTIVE;
    }
}
