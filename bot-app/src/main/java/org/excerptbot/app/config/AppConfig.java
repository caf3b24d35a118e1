package org.excerptbot.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.telegram.TelegramSettings;

/**
 * The validated configuration, typed: zones, durations and URLs already parsed, every check across settings done.
 * Built only by {@link ConfigLoader}, so an instance is always valid; immutable.
 *
 * @param language the console's language
 * @param database an external database (PostgreSQL, or an H2 URL), or empty for the embedded one in {@code dataDir}
 * @param telegram the Telegram settings, when a token is set
 * @param discord the Discord settings, when a token is set
 * @param httpPort the port of {@code /healthz}, {@code /metrics} and webhooks, when set
 * @param publicUrl where the world reaches the HTTP server, without a trailing slash, when set (it needs
 *     {@code httpPort}): the quote cards inline mode offers are served under it
 * @param clusterCheckin how often this instance checks in with the others on the same database
 * @param logLevel the root log level, when set (otherwise INFO, and WARN in the console)
 * @param sources every setting's raw value and where it came from, for {@code doctor} and error messages
 */
public record AppConfig(
        ZoneId zone,
        long seed,
        Locale language,
        Path dataDir,
        Optional<ExternalDatabase> database,
        Optional<TelegramSettings> telegram,
        Optional<DiscordSettings> discord,
        OptionalInt httpPort,
        Optional<URI> publicUrl,
        Duration clusterCheckin,
        LogFormat logFormat,
        Optional<String> logLevel,
        Sources sources) {
    public AppConfig {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(discord, "discord");
        Objects.requireNonNull(httpPort, "httpPort");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(clusterCheckin, "clusterCheckin");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(sources, "sources");
    }

    /** A database named by JDBC URL; the password is a secret and never shown. */
    public record ExternalDatabase(String url, String user, String password) {
        public ExternalDatabase {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "ExternalDatabase[url=" + url + ", user=" + user + ", password=<hidden>]";
        }
    }

    /** How log lines are written. */
    public enum LogFormat {
        TEXT,
        JSON;

        /** {@code text} or {@code json}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether any platform is configured. */
    public boolean hasPlatform() {
        return telegram.isPresent() || discord.isPresent();
    }

    /** The settings with their values, secrets masked, for {@code doctor} and logs. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Setting s : Setting.values()) {
            String v = sources.value(s);
            String shown = v.isEmpty() ? "(empty)" : s.secret() ? "(set, hidden)" : v;
            out.append(String.format("  %-26s %-40s [%s]%n", s.env(), shown, sources.origin(s)));
        }
        return out.toString();
    }
}
