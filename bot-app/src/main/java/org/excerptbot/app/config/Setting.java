package org.excerptbot.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One configuration key, known under three names: its environment variable, its YAML path and its
 * command-line form ({@code --set yaml.path=value}). The table of settings drives loading, validation, error
 * messages and the commented template written by {@code config init}.
 */
public enum Setting {
    TIMEZONE(
            "EXCERPT_BOT_TIMEZONE",
            "timezone",
            "Asia/Shanghai",
            false,
            "an IANA time zone such as Asia/Shanghai or Europe/London",
            Setting::isZone,
            "The instance's default time zone: /today's date and the default for /subscribe."),
    SEED(
            "EXCERPT_BOT_SEED",
            "seed",
            "20151216",
            false,
            "a whole number",
            v -> v.matches("-?\\d{1,18}"),
            "Seed of the excerpt-of-the-day rotation; instances that share it agree on every day's excerpt."),
    LANGUAGE(
            "EXCERPT_BOT_LANGUAGE",
            "language",
            "zh",
            false,
            "zh or en",
            v -> v.equals("zh") || v.equals("en"),
            "The console's language."),
    DATA_DIR(
            "EXCERPT_BOT_DATA_DIR",
            "data-dir",
            "./data",
            false,
            "a directory path",
            v -> !v.isBlank(),
            "Where the embedded H2 database lives."),
    DB_URL(
            "EXCERPT_BOT_DB_URL",
            "database.url",
            "",
            false,
            "a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/excerptbot, or empty for the embedded database",
            v -> v.isEmpty() || v.startsWith("jdbc:postgresql:") || v.startsWith("jdbc:h2:"),
            "Leave empty for the embedded H2 database; name a PostgreSQL database to grow past one machine."),
    DB_USER("EXCERPT_BOT_DB_USER", "database.user", "", false, "a user name", v -> true, "Database user."),
    DB_PASSWORD(
            "EXCERPT_BOT_DB_PASSWORD", "database.password", "", true, "a password", v -> true, "Database password."),
    TELEGRAM_TOKEN(
            "TELEGRAM_BOT_TOKEN",
            "telegram.token",
            "",
            true,
            "the token @BotFather gave you, such as 123456:ABC-DEF...",
            v -> v.isEmpty() || v.matches("\\d{3,20}:[A-Za-z0-9_-]{20,100}"),
            "Telegram bot token from @BotFather; empty to run without Telegram."),
    TELEGRAM_API_URL(
            "TELEGRAM_API_URL",
            "telegram.api-url",
            "https://api.telegram.org",
            false,
            "an http(s) URL such as https://api.telegram.org or http://127.0.0.1:8081",
            Setting::isHttpUrl,
            "Bot API server; change it for a self-hosted Bot API server."),
    TELEGRAM_WEBHOOK_URL(
            "TELEGRAM_WEBHOOK_URL",
            "telegram.webhook-url",
            "",
            false,
            "an https URL Telegram can reach, or empty for long polling",
            v -> v.isEmpty() || isHttpUrl(v),
            "Public URL of the webhook endpoint; empty to use long polling (the default)."),
    TELEGRAM_WEBHOOK_SECRET(
            "TELEGRAM_WEBHOOK_SECRET",
            "telegram.webhook-secret",
            "",
            true,
            "1-256 characters of A-Z a-z 0-9 _ -",
            v -> v.isEmpty() || v.matches("[A-Za-z0-9_-]{1,256}"),
            "Secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; required with a webhook URL."),
    TELEGRAM_PAID_BROADCAST(
            "TELEGRAM_PAID_BROADCAST",
            "telegram.paid-broadcast",
            "false",
            false,
            "true or false",
            v -> v.equals("true") || v.equals("false"),
            "Send daily posts with allow_paid_broadcast, paced at up to 1000 messages/s instead of about 30/s."
                    + " Telegram charges 0.1 Telegram Stars per message sent so, from the bot's Star balance;"
                    + " replies to commands stay free. Off by default."),
    DISCORD_TOKEN(
            "DISCORD_BOT_TOKEN",
            "discord.token",
            "",
            true,
            "the bot token from the Discord developer portal",
            v -> v.isEmpty() || v.matches("[A-Za-z0-9._-]{20,200}"),
            "Discord bot token; empty to run without Discord."),
    DISCORD_API_URL(
            "DISCORD_API_URL",
            "discord.api-url",
            "https://discord.com/api/v10/",
            false,
            "an http(s) URL ending in /",
            v -> isHttpUrl(v) && v.endsWith("/"),
            "Discord REST base URL, for proxies and tests."),
    DISCORD_GATEWAY_URL(
            "DISCORD_GATEWAY_URL",
            "discord.gateway-url",
            "wss://gateway.discord.gg/",
            false,
            "a ws(s) URL",
            v -> v.startsWith("wss://") || v.startsWith("ws://"),
            "Discord gateway URL, for proxies and tests."),
    DISCORD_SHARDS(
            "DISCORD_SHARDS",
            "discord.shards",
            "",
            false,
            "auto, a shard count 1-1024, or empty for one gateway connection",
            v -> v.isEmpty()
                    || v.equals("auto")
                    || v.matches("\\d{1,4}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 1024,
            "Total gateway shards (Discord splits the servers among them); auto asks Discord. Empty: one connection."),
    DISCORD_SHARD_IDS(
            "DISCORD_SHARD_IDS",
            "discord.shard-ids",
            "",
            false,
            "shard ids and ranges below DISCORD_SHARDS such as 0-1 or 0,2,4-5, or empty for all shards",
            v -> v.isEmpty() || v.matches("\\d{1,4}(-\\d{1,4})?(,\\d{1,4}(-\\d{1,4})?)*"),
            "The shards this instance runs, when several instances share the bot's shards; empty runs them all."),
    HTTP_PORT(
            "EXCERPT_BOT_HTTP_PORT",
            "http.port",
            "",
            false,
            "a port number 1-65535, or empty for no HTTP endpoint",
            v -> v.isEmpty() || v.matches("\\d{1,5}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 65535,
            "Port of /healthz, /metrics and the Telegram webhook; empty to serve none."),
    HTTP_PUBLIC_URL(
            "EXCERPT_BOT_PUBLIC_URL",
            "http.public-url",
            "",
            false,
            "an absolute https URL such as https://bot.example.org (http only for 127.0.0.1, ::1 or localhost),"
                    + " without query or fragment, or empty",
            v -> v.isEmpty() || isPublicUrl(v),
            "Where the world reaches the HTTP server (through your reverse proxy); when set, inline mode offers"
                    + " quote cards, which Telegram fetches from /cards/ there. Empty: cards inline only by file_id."),
    CLUSTER_CHECKIN(
            "EXCERPT_BOT_CLUSTER_CHECKIN",
            "cluster.checkin-seconds",
            "7.5",
            false,
            "a number of seconds from 0.5 to 300, such as 7.5",
            Setting::isCheckin,
            "Several instances on one database: how often each tells the others it is alive. One silent for an"
                    + " interval and 7.5 s more is taken for dead and the others run its slot triggers; the posts it"
                    + " had claimed and not started go to the others after four intervals."),
    LOG_FORMAT(
            "EXCERPT_BOT_LOG_FORMAT",
            "log.format",
            "text",
            false,
            "text or json",
            v -> v.equals("text") || v.equals("json"),
            "Log lines as plain text or JSON lines."),
    LOG_LEVEL(
            "EXCERPT_BOT_LOG_LEVEL",
            "log.level",
            "",
            false,
            "error, warn, info, debug or trace, or empty for info (warn in the console)",
            v -> v.isEmpty() || v.matches("(?i)error|warn|info|debug|trace"),
            "How much the bot logs; empty logs info, and only warnings in the console.");

    private final String env;
    private final String yamlPath;
    private final String defaultValue;
    private final boolean secret;
    private final String accepted;
    private final Predicate<String> valid;
    private final String help;

    Setting(
            String env,
            String yamlPath,
            String defaultValue,
            boolean secret,
            String accepted,
            Predicate<String> valid,
            String help) {
        this.env = env;
        this.yamlPath = yamlPath;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.accepted = accepted;
        this.valid = valid;
        this.help = help;
    }

    public String env() {
        return env;
    }

    public String yamlPath() {
        return yamlPath;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** Secrets are never printed. */
    public boolean secret() {
        return secret;
    }

    public String accepted() {
        return accepted;
    }

    public String help() {
        return help;
    }

    public boolean accepts(String value) {
        return valid.test(value);
    }

    /** The setting with this environment name or YAML path. */
    public static Optional<Setting> named(String name) {
        for (Setting s : values()) {
            if (s.env.equals(name) || s.yamlPath.equals(name)) return Optional.of(s);
        }
        return Optional.empty();
    }

    private static boolean isZone(String v) {
        try {
            ZoneId.of(v);
            return v.contains("/") || v.equals("UTC");
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isCheckin(String v) {
        if (!v.matches("\\d{1,3}(\\.\\d{1,3})?")) return false;
        double seconds = Double.parseDouble(v);
        return seconds >= 0.5 && seconds <= 300;
    }

    private static boolean isPublicUrl(String v) {
        try {
            URI uri = new URI(v);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null)
                return false;
            if (uri.getRawUserInfo() != null) return false;
            if ("https".equals(uri.getScheme())) return true;
            String host = uri.getHost();
            return "http".equals(uri.getScheme())
                    && (host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String v) {
        try {
            URI uri = URI.create(v);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
