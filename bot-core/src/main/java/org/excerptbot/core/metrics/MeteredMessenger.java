package org.excerptbot.core.metrics;

import java.util.Objects;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;

/**
 * A {@link Messenger} that counts every outcome (sent, failed by kind, 429) before handing it back unchanged.
 * Wrap each platform's messenger with it before giving it to the delivery engine.
 */
public final class MeteredMessenger implements Messenger {
    private final Messenger inner;
    private final BotMetrics metrics;

    public MeteredMessenger(Messenger inner, BotMetrics metrics) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Platform platform() {
        return inner.platform();
    }

    @Override
    public SendOutcome send(ChatRef chat, Reply reply) {
        SendOutcome outcome = inner.send(chat, reply);
        metrics.sendOutcome(inner.platform(), outcome);
        return outcome;
    }
}
