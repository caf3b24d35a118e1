package org.excerptbot.app.platform;

import java.util.Optional;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.Setting;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.discord.DiscordAdapter;
import org.excerptbot.discord.DiscordSettings;

/**
 * Runs the Discord adapter for the application: settings from the configuration ({@code DISCORD_BOT_TOKEN},
 * {@code DISCORD_API_URL}, {@code DISCORD_GATEWAY_URL}), the adapter started on the core's dispatcher, corpus and
 * search, and its messenger for the delivery engine. Close it to disconnect.
 */
public final class DiscordPlatform implements AutoCloseable {
    private final DiscordAdapter adapter;

    private DiscordPlatform(DiscordAdapter adapter) {
        this.adapter = adapter;
    }

    /** The Discord settings, when a token is configured; a bad URL is a configuration error naming its setting. */
    public static Optional<DiscordSettings> settings(AppConfig config) {
        Optional<String> token = config.discordToken();
        if (token.isEmpty()) return Optional.empty();
        String api = config.get(Setting.DISCORD_API_URL);
        String gateway = config.get(Setting.DISCORD_GATEWAY_URL);
        try {
            return Optional.of(new DiscordSettings(token.get(), api, gateway));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Discord: " + e.getMessage()
                    + "; DISCORD_API_URL takes an http(s) URL such as https://discord.com/api/v10/ and"
                    + " DISCORD_GATEWAY_URL a ws(s) URL such as wss://gateway.discord.gg/");
        }
    }

    /**
     * Logs in, registers the slash commands and starts answering; returns once the gateway session is ready.
     *
     * @param chatStatus told when a channel refuses the bot's posts (Missing Access, Unknown Channel)
     * @throws net.dv8tion.jda.api.exceptions.InvalidTokenException if Discord refuses the token
     */
    public static DiscordPlatform start(DiscordSettings settings, CoreServices core, ChatStatusListener chatStatus)
            throws InterruptedException {
        DiscordAdapter adapter = new DiscordAdapter(
                settings, core.dispatcher(), core.messages(), core.corpus(), core.search(), chatStatus, core.clock());
        try {
            adapter.start();
        } catch (RuntimeException | InterruptedException e) {
            adapter.close();
            throw e;
        }
        return new DiscordPlatform(adapter);
    }

    /** The gateway session's state as JDA names it, {@code CONNECTED} when it is up. */
    public String gatewayStatus() {
        return adapter.jda().getStatus().name();
    }

    /** Posts to Discord channels, for the delivery engine. */
    public Messenger messenger() {
        return adapter.messenger();
    }

    @Override
    public void close() {
        adapter.close();
    }
}
