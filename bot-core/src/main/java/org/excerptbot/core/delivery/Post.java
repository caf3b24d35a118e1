package org.excerptbot.core.delivery;

import java.util.Objects;
import java.util.OptionalLong;
import org.excerptbot.core.reply.Reply;

/**
 * One day's post as composed for a subscription.
 *
 * @param item the sequential position this post reads (the subscription's cursor), empty for a daily post; the
 *     cursor moves past it only once the post has been sent
 */
public record Post(Reply reply, OptionalLong item) {
    public Post {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(item, "item");
    }
}
