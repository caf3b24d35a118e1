package org.excerptbot.discord;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach Discord: the bot token, the REST base and the gateway URL (both overridable for proxies and tests).
 * {@link #toString()} never shows the token.
 *
 * @param apiUrl the REST base, ending in {@code /}, such as {@code https://discord.com/api/v10/}
 * @param gatewayUrl the websocket gateway, such as {@code wss://gateway.discord.gg/}
 * @param shards the gateway shards this instance runs; {@link DiscordShards#NONE} for one connection
 */
public record DiscordSettings(String token, String apiUrl, String gatewayUrl, DiscordShards shards) {
    public static final String TOKEN_VARIABLE = "DISCORD_BOT_TOKEN";
    public static final String API_URL_VARIABLE = "DISCORD_API_URL";
    public static final String GATEWAY_URL_VARIABLE = "DISCORD_GATEWAY_URL";
    public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

    public DiscordSettings {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("token: must not be blank");
        token = token.strip();
        apiUrl = checkUrl("apiUrl", apiUrl, "http", "https");
        if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
        gatewayUrl = checkUrl("gatewayUrl", gatewayUrl, "ws", "wss");
        if (shards == null) throw new IllegalArgumentException("shards: must not be null (NONE for one connection)");
    }

    /** One gateway connection, not sharded. */
    public DiscordSettings(String token, String apiUrl, String gatewayUrl) {
        this(token, apiUrl, gatewayUrl, DiscordShards.NONE);
    }

    /** The same settings running these shards. */
    public DiscordSettings withShards(DiscordShards shards) {
        return new DiscordSettings(token, apiUrl, gatewayUrl, shards);
    }

    /** Settings with the default URLs. */
    public static DiscordSettings of(String token) {
        return new DiscordSettings(token, DEFAULT_API_URL, DEFAULT_GATEWAY_URL);
    }

    /**
     * Reads {@code DISCORD_BOT_TOKEN}, {@code DISCORD_API_URL}, {@code DISCORD_GATEWAY_URL}, {@code DISCORD_SHARDS}
     * and {@code DISCORD_SHARD_IDS}; empty when no token is set (the Discord adapter then stays off).
     */
    public static Optional<DiscordSettings> fromEnvironment(Map<String, String> env) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) return Optional.empty();
        return Optional.of(new DiscordSettings(
                token,
                blankToDefault(env.get(API_URL_VARIABLE), DEFAULT_API_URL),
                blankToDefault(env.get(GATEWAY_URL_VARIABLE), DEFAULT_GATEWAY_URL),
                DiscordShards.parse(
                        env.get(DiscordShards.SHARDS_VARIABLE), env.get(DiscordShards.SHARD_IDS_VARIABLE))));
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String checkUrl(String name, String url, String... schemes) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException(name + ": must not be blank");
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": not a URL: '" + url + "'", e);
        }
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) return url.strip();
        }
        throw new IllegalArgumentException(
                name + ": must be an absolute " + String.join(" or ", schemes) + " URL, was '" + url + "'");
    }

    @Override
    public String toString() {
        return "DiscordSettings[token=<hidden>, apiUrl=" + apiUrl + ", gatewayUrl=" + gatewayUrl + ", shards=" + shards
                + "]";
    }
}
