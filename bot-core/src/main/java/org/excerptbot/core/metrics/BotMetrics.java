package org.excerptbot.core.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;

/**
 * The neutral metrics facade: what the core and the adapters count, with no metrics library in sight. The
 * application implements it (with Micrometer, served on {@code /metrics}); {@link #NONE} counts nothing.
 *
 * <p>Every label value passed here must come from a small, fixed set (registered command names, platforms,
 * outcome kinds), never from user input, so that the number of series stays bounded.
 */
public interface BotMetrics {
    /** Counts nothing; for tests and for instances without an HTTP endpoint. */
    BotMetrics NONE = new BotMetrics() {
        @Override
        public void commandHandled(Platform platform, String command, Reply.Kind outcome) {}

        @Override
        public void postSent(Platform platform) {}

        @Override
        public void postFailed(Platform platform, FailureKind kind) {}

        @Override
        public void rateLimited(Platform platform) {}

        @Override
        public void schedulerLag(Duration lag) {}

        @Override
        public void deliveryQueueDepth(Supplier<? extends Number> depth) {}

        @Override
        public void deliveryBacklog(
                Platform platform, Supplier<? extends Number> waiting, Supplier<? extends Number> oldestAgeSeconds) {}
    };

    /** Why a post did not go out. */
    enum FailureKind {
        /** The platform refused for good (blocked, kicked, no access). */
        FORBIDDEN,
        /** A network error or a 5xx: the post may be retried. */
        TRANSIENT,
        /** The platform rejected the request (a 400 other than a migration). */
        REJECTED
    }

    /** A registered command ran and answered with a reply of this kind. */
    void commandHandled(Platform platform, String command, Reply.Kind outcome);

    /** A daily post was delivered. */
    void postSent(Platform platform);

    /** A daily post was not delivered. */
    void postFailed(Platform platform, FailureKind kind);

    /** The platform answered 429 (too many requests). */
    void rateLimited(Platform platform);

    /** A slot's trigger fired this long after its scheduled time. */
    void schedulerLag(Duration lag);

    /** Registers where the number of posts waiting to be sent can be read (read at each scrape). */
    void deliveryQueueDepth(Supplier<? extends Number> depth);

    /**
     * Registers where a platform's backlog can be read (at each scrape): the posts that may go out now and have
     * not, and how long the oldest of them has waited past its due time, in seconds.
     */
    void deliveryBacklog(
            Platform platform, Supplier<? extends Number> waiting, Supplier<? extends Number> oldestAgeSeconds);

    /** Records one send's outcome: sent, 429, or a failure of some kind (a migration is neither). */
    default void sendOutcome(Platform platform, SendOutcome outcome) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome instanceof SendOutcome.Sent) {
            postSent(platform);
        } else if (outcome instanceof SendOutcome.RateLimited) {
            rateLimited(platform);
        } else if (outcome instanceof SendOutcome.Forbidden) {
            postFailed(platform, FailureKind.FORBIDDEN);
        } else if (outcome instanceof SendOutcome.Failed failed) {
            postFailed(platform, failed.retryable() ? FailureKind.TRANSIENT : FailureKind.REJECTED);
        }
    }
}
