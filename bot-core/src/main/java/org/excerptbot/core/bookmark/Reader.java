package org.excerptbot.core.bookmark;

import java.util.Objects;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;

/** The person whose bookmarks these are: a user id on one platform. */
public record Reader(Platform platform, String userId) {
    public Reader {
        Objects.requireNonNull(platform, "platform");
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId: must not be blank");
    }

    /** The user who sent a request. */
    public static Reader of(Request request) {
        return new Reader(request.chat().platform(), request.user().id());
    }
}
