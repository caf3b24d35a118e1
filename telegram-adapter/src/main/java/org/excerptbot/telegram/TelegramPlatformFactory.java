package org.excerptbot.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.platform.PlatformFactory;

/**
 * Makes the Telegram adapter from its settings: long polling, or a webhook when the settings have one (its
 * endpoint is the adapter's one {@linkplain PlatformAdapter#httpRoutes() HTTP route}); inline mode over the
 * context's corpus and search, today's excerpt in the context's zone, quote cards by the context's public URL when it
 * has one, in the script of each user who asks ({@link PlatformContext#scripts()}). {@link #diagnose} checks the token and the
 * webhook against the Bot API without starting anything.
 */
public final class TelegramPlatformFactory implements PlatformFactory {
    private final TelegramSettings settings;

    public TelegramPlatformFactory(TelegramSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    /**
     * The adapter, not started yet. Its {@link PlatformAdapter#start()} throws
     * {@link org.excerptbot.core.platform.PlatformRefusedException} when the Bot API refuses the token or the
     * webhook, with what to fix in the message.
     */
    @Override
    public PlatformAdapter create(PlatformContext context) {
        Objects.requireNonNull(context, "context");
        InlineSource inline = new CorpusInlineSource(
                context.corpus(),
                context.rotation(),
                context.search(),
                context.zone(),
                context.clock(),
                context.messages(),
                context.publicUrl(),
                context.scripts()::scriptOf);
        return new TelegramPlatform(
                settings,
                context.dispatcher(),
                context.messages(),
                inline,
                context.scripts(),
                context.chatStatus(),
                context.clock(),
                Thread::sleep);
    }

    /**
     * getMe with the token ({@code telegram}: accepted, refused, or the Bot API unreachable), then getWebhookInfo
     * ({@code webhook}: whether Telegram's webhook is what these settings set, and its last delivery error), and what
     * daily posts cost ({@code broadcast}: free, or the paid broadcast's fee per message).
     */
    @Override
    public List<Diagnosis> diagnose(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
        List<Diagnosis> out = new ArrayList<>(new TelegramDiagnosis(settings, timeout).run());
        out.add(TelegramDiagnosis.paidBroadcast(settings));
        return List.copyOf(out);
    }
}
