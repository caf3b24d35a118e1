package org.excerptbot.core.schedule;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.reply.Reply;

/** Records the scheduler's lag into a list; counts nothing else. */
record LagRecorder(List<Duration> lags) implements BotMetrics {
    @Override
    public void schedulerLag(Duration lag) {
        lags.add(lag);
    }

    @Override
    public void commandHandled(Platform platform, String command, Reply.Kind outcome) {}

    @Override
    public void postSent(Platform platform) {}

    @Override
    public void postFailed(Platform platform, FailureKind kind) {}

    @Override
    public void rateLimited(Platform platform) {}

    @Override
    public void deliveryQueueDepth(Supplier<? extends Number> depth) {}

    @Override
    public void deliveryBacklog(
            Platform platform, Supplier<? extends Number> waiting, Supplier<? extends Number> oldestAgeSeconds) {}
}
