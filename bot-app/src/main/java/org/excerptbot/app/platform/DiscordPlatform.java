package org.excerptbot.app.platform;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.Setting;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.discord.DiscordAdapter;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.discord.DiscordShards;

/**
 * Runs the Discord adapter for the application: settings from the configuration ({@code DISCORD_BOT_TOKEN},
 * {@code DISCORD_API_URL}, {@code DISCORD_GATEWAY_URL}, {@code DISCORD_SHARDS}, {@code DISCORD_SHARD_IDS}), the adapter started on the core's dispatcher, corpus and
 * search, and its messenger for the delivery engine. Close it to disconnect.
 */
public final class DiscordPlatform implements AutoCloseable {
    private final DiscordAdapter adapter;
    private final boolean sharded;

    private DiscordPlatform(DiscordAdapter adapter, boolean sharded) {
        this.adapter = adapter;
        this.sharded = sharded;
    }

    /** The Discord settings, when a token is configured; a bad URL is a configuration error naming its setting. */
    public static Optional<DiscordSettings> settings(AppConfig config) {
        Optional<String> token = config.discordToken();
        if (token.isEmpty()) return Optional.empty();
        String api = config.get(Setting.DISCORD_API_URL);
        String gateway = config.get(Setting.DISCORD_GATEWAY_URL);
        DiscordShards shards;
        try {
            shards = DiscordShards.parse(config.get(Setting.DISCORD_SHARDS), config.get(Setting.DISCORD_SHARD_IDS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Discord: " + e.getMessage() + ". DISCORD_SHARDS takes "
                    + Setting.DISCORD_SHARDS.accepted() + "; DISCORD_SHARD_IDS takes "
                    + Setting.DISCORD_SHARD_IDS.accepted() + ".");
        }
        try {
            return Optional.of(new DiscordSettings(token.get(), api, gateway, shards));
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
        return new DiscordPlatform(adapter, settings.shards().sharded());
    }

    /**
     * The gateway's state: {@code CONNECTED} when every connection this instance runs (one, or each of its shards) is
     * up; otherwise each connection's state as JDA names it, such as {@code shard 0: CONNECTED, shard 1:
     * RECONNECT_QUEUED}, or the single connection's state.
     */
    public String gatewayStatus() {
        Map<Integer, JDA.Status> shards = adapter.gatewayStatus();
        if (shards.values().stream().allMatch(s -> s == JDA.Status.CONNECTED)) return JDA.Status.CONNECTED.name();
        if (!sharded) return shards.values().iterator().next().name();
        return shards.entrySet().stream()
                .map(e -> "shard " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
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
