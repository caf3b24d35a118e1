package org.excerptbot.app.platform;

import java.net.URI;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.Setting;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.telegram.CorpusInlineSource;
import org.excerptbot.telegram.TelegramBot;
import org.excerptbot.telegram.TelegramRefusedException;
import org.excerptbot.telegram.TelegramSettings;

/**
 * Starts the Telegram adapter from explicit settings and the core services: long polling, the command menus,
 * inline mode over the corpus (today's excerpt in the instance's zone). The caller keeps the returned bot, uses
 * {@link TelegramBot#messenger()} for daily posts, and closes it on shutdown.
 */
public final class TelegramPlatform {
    private TelegramPlatform() {}

    /** The Telegram settings of a configuration: empty when no TELEGRAM_BOT_TOKEN is set. */
    public static Optional<TelegramSettings> settings(AppConfig config) {
        return config.telegramToken()
                .map(token -> TelegramSettings.of(
                        token.strip(),
                        config.optional(Setting.TELEGRAM_API_URL)
                                .map(url -> URI.create(url.strip()))
                                .orElse(TelegramSettings.DEFAULT_API_URL)));
    }

    /**
     * Connects (getMe), publishes the command menus and starts polling. When the Bot API cannot be reached yet
     * this returns all the same and the adapter keeps trying; {@link #health} reports when it is connected.
     *
     * @param zone the instance's default zone, for the excerpt of the day offered by an empty inline query
     * @param listener told when a chat blocks or removes the bot, or moves to a new id
     * @throws ConfigException when the Bot API refuses the token (the jar exits with code 2)
     */
    public static TelegramBot start(
            TelegramSettings settings, CoreServices core, ZoneId zone, ChatStatusListener listener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(core, "core");
        try {
            return TelegramBot.start(settings, core.dispatcher(), core.messages(), inline(core, zone), listener);
        } catch (TelegramRefusedException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Like {@link #start}, but Telegram pushes updates to a webhook instead: calls setWebhook with the public URL
     * and secret (TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET). Serve the endpoint with
     * {@code new TelegramWebhook(secret, bot::accept)}.
     *
     * @throws ConfigException when the Bot API refuses the token or the webhook (the jar exits with code 2)
     */
    public static TelegramBot startWebhook(
            TelegramSettings settings,
            CoreServices core,
            ZoneId zone,
            ChatStatusListener listener,
            URI webhookUrl,
            String secret) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(core, "core");
        try {
            return TelegramBot.startWebhook(
                    settings, core.dispatcher(), core.messages(), inline(core, zone), listener, webhookUrl, secret);
        } catch (TelegramRefusedException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The {@code telegram} check of {@code /healthz}: up while the bot is connected to the Bot API. */
    public static HealthCheck health(TelegramBot bot) {
        return () -> {
            TelegramBot.Health h = bot.health();
            return h.up() ? HealthCheck.Result.up(h.detail()) : HealthCheck.Result.down(h.detail());
        };
    }

    private static CorpusInlineSource inline(CoreServices core, ZoneId zone) {
        return new CorpusInlineSource(
                core.corpus(), core.rotation(), core.search(), zone, core.clock(), core.messages());
    }
}
