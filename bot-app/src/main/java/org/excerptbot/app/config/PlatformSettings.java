package org.excerptbot.app.config;

import java.net.URI;
import java.util.Optional;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.discord.DiscordShards;
import org.excerptbot.telegram.TelegramSettings;

/** Builds each platform's own settings from the raw ones; a value the platform refuses names its setting. */
final class PlatformSettings {
    private PlatformSettings() {}

    /** The Telegram settings, when TELEGRAM_BOT_TOKEN is set. */
    static Optional<TelegramSettings> telegram(Sources raw) {
        String token = raw.value(Setting.TELEGRAM_TOKEN);
        if (token.isEmpty()) return Optional.empty();
        TelegramSettings settings;
        try {
            settings = TelegramSettings.of(token, URI.create(raw.value(Setting.TELEGRAM_API_URL)))
                    .withPaidBroadcast(
                            raw.value(Setting.TELEGRAM_PAID_BROADCAST).equals("true"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TELEGRAM_API_URL (telegram.api-url) from "
                    + raw.origin(Setting.TELEGRAM_API_URL) + ": " + e.getMessage() + "; it must be "
                    + Setting.TELEGRAM_API_URL.accepted() + ".");
        }
        String webhook = raw.value(Setting.TELEGRAM_WEBHOOK_URL);
        if (webhook.isEmpty()) return Optional.of(settings);
        try {
            return Optional.of(settings.withWebhook(URI.create(webhook), raw.value(Setting.TELEGRAM_WEBHOOK_SECRET)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TELEGRAM_WEBHOOK_URL (telegram.webhook-url) from "
                    + raw.origin(Setting.TELEGRAM_WEBHOOK_URL) + ": " + e.getMessage() + "; it must be "
                    + Setting.TELEGRAM_WEBHOOK_URL.accepted() + ".");
        }
    }

    /** The Discord settings, when DISCORD_BOT_TOKEN is set. */
    static Optional<DiscordSettings> discord(Sources raw) {
        String token = raw.value(Setting.DISCORD_TOKEN);
        if (token.isEmpty()) return Optional.empty();
        DiscordShards shards;
        try {
            shards = DiscordShards.parse(raw.value(Setting.DISCORD_SHARDS), raw.value(Setting.DISCORD_SHARD_IDS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Discord: " + e.getMessage() + ". DISCORD_SHARDS takes "
                    + Setting.DISCORD_SHARDS.accepted() + "; DISCORD_SHARD_IDS takes "
                    + Setting.DISCORD_SHARD_IDS.accepted() + ".");
        }
        try {
            return Optional.of(new DiscordSettings(
                    token, raw.value(Setting.DISCORD_API_URL), raw.value(Setting.DISCORD_GATEWAY_URL), shards));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Discord: " + e.getMessage()
                    + "; DISCORD_API_URL takes an http(s) URL such as https://discord.com/api/v10/ and"
                    + " DISCORD_GATEWAY_URL a ws(s) URL such as wss://gateway.discord.gg/");
        }
    }
}
