package org.excerptbot.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.Setting;
import org.excerptbot.app.logging.Redaction;
import org.excerptbot.core.store.Database;

/**
 * Checks a configuration against the world: the database answers and has our schema, each configured token is
 * accepted ({@code getMe} on the Bot API, {@code GET users/@me} on Discord), the webhook and the HTTP port are
 * usable. Each finding says what to fix. Secrets never appear in a finding.
 */
public final class Doctor {
    /** How bad a finding is. */
    public enum Level {
        OK,
        SKIP,
        WARN,
        FAIL
    }

    /**
     * One line of the report.
     *
     * @param fix what to do about it; empty when nothing needs doing
     */
    public record Finding(Level level, String area, String message, String fix) {
        public Finding {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(area, "area");
            message = Redaction.mask(Objects.requireNonNull(message, "message"));
            fix = Redaction.mask(Objects.requireNonNull(fix, "fix"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public Doctor(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Runs every check. */
    public List<Finding> examine(AppConfig config) {
        for (Setting s : Setting.values()) {
            if (s.secret()) Redaction.addSecret(config.get(s));
        }
        List<Finding> out = new ArrayList<>();
        out.add(configuration(config));
        out.add(database(config));
        out.addAll(telegram(config));
        out.add(discord(config));
        out.add(httpPort(config));
        return out;
    }

    /** Prints the report; returns the exit code: 0 when nothing failed, 1 otherwise. */
    public static int print(List<Finding> findings, PrintStream out) {
        out.println("Excerpt Bot doctor");
        long failed = 0;
        for (Finding f : findings) {
            out.printf(
                    "  %-5s %-14s %s%n",
                    f.level() == Level.OK ? "ok" : f.level().name(), f.area(), f.message());
            if (!f.fix().isEmpty()) out.printf("  %-5s %-14s fix: %s%n", "", "", f.fix());
            if (f.level() == Level.FAIL) failed++;
        }
        out.println(failed == 0 ? "Nothing to fix." : failed + (failed == 1 ? " problem" : " problems") + " to fix.");
        return failed == 0 ? 0 : 1;
    }

    private static Finding configuration(AppConfig config) {
        int flags = 0;
        int env = 0;
        int file = 0;
        for (Setting s : Setting.values()) {
            String origin = config.origin(s);
            if (origin.startsWith("flag")) flags++;
            else if (origin.startsWith("environment")) env++;
            else if (origin.startsWith("file")) file++;
        }
        String from = "valid (" + flags + " from flags, " + env + " from the environment, " + file + " from the file,"
                + " the rest defaults)";
        if (config.telegramToken().isEmpty() && config.discordToken().isEmpty()) {
            return new Finding(
                    Level.WARN,
                    "configuration",
                    from + "; no platform is configured, so the bot can only run its console",
                    "set TELEGRAM_BOT_TOKEN (from @BotFather) and/or DISCORD_BOT_TOKEN (developer portal)");
        }
        return new Finding(Level.OK, "configuration", from, "");
    }

    // ---- database

    private static Finding database(AppConfig config) {
        String url = config.get(Setting.DB_URL);
        if (url.isEmpty()) return embedded(config.dataDir());
        Properties props = new Properties();
        props.setProperty("user", config.get(Setting.DB_USER));
        props.setProperty("password", config.get(Setting.DB_PASSWORD));
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", "5");
            props.setProperty("socketTimeout", "10");
            props.setProperty("loginTimeout", "5");
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            return new Finding(
                    Level.OK,
                    "database",
                    c.getMetaData().getDatabaseProductName() + " "
                            + c.getMetaData().getDatabaseProductVersion() + " at " + url + ": " + schema(c),
                    "");
        } catch (SQLException e) {
            return new Finding(Level.FAIL, "database", "cannot connect to " + url + ": " + firstLine(e), dbFix(e));
        }
    }

    private static Finding embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(Database.H2_FILE + ".mv.db");
        if (!Files.exists(file)) {
            Path existing = dataDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null || !Files.isWritable(existing)) {
                return new Finding(
                        Level.FAIL,
                        "database",
                        "embedded H2: " + dataDir + " does not exist and cannot be created",
                        "make EXCERPT_BOT_DATA_DIR a directory this user can write");
            }
            return new Finding(
                    Level.OK,
                    "database",
                    "embedded H2: no database in " + dataDir + " yet; the first start creates it",
                    "");
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(Database.H2_FILE) + ";IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return new Finding(Level.OK, "database", "embedded H2 in " + dataDir + ": " + schema(c), "");
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) {
                return new Finding(
                        Level.OK,
                        "database",
                        "embedded H2 in " + dataDir + " is open in a running bot (the embedded database allows one"
                                + " process)",
                        "");
            }
            return new Finding(
                    Level.FAIL,
                    "database",
                    "embedded H2 in " + dataDir + ": " + firstLine(e),
                    "restore " + file + " from a backup, or move it away to start afresh");
        }
    }

    private static String schema(Connection c) {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"
                                + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            String version = rs.next() ? rs.getString(1) : null;
            return version == null ? "reachable, schema not created yet" : "reachable, schema version " + version;
        } catch (SQLException e) {
            return "reachable; the schema is created at the first start";
        }
    }

    private static String dbFix(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "the server refused the login: check EXCERPT_BOT_DB_USER and EXCERPT_BOT_DB_PASSWORD (and"
                    + " pg_hba.conf)";
        }
        if (state.equals("3D000")) {
            return "the database does not exist: create it (createdb -O <user> <name>) or fix EXCERPT_BOT_DB_URL";
        }
        if (state.startsWith("08")) {
            return "is the server running and listening at the host and port of EXCERPT_BOT_DB_URL?";
        }
        return "check EXCERPT_BOT_DB_URL, EXCERPT_BOT_DB_USER and EXCERPT_BOT_DB_PASSWORD";
    }

    // ---- platforms

    private List<Finding> telegram(AppConfig config) {
        if (config.telegramToken().isEmpty()) {
            return List.of(new Finding(Level.SKIP, "telegram", "TELEGRAM_BOT_TOKEN is not set", ""));
        }
        String api = stripSlash(config.get(Setting.TELEGRAM_API_URL));
        String base = api + "/bot" + config.telegramToken().get() + "/";
        List<Finding> out = new ArrayList<>();
        Reply me = get(URI.create(base + "getMe"), null);
        if (me.error != null) {
            out.add(new Finding(
                    Level.FAIL,
                    "telegram",
                    "getMe at " + api + ": " + me.error,
                    "is TELEGRAM_API_URL right and reachable from here (proxy, firewall, DNS)?"));
            return out;
        }
        if (me.status == 401 || me.status == 404) {
            out.add(new Finding(
                    Level.FAIL,
                    "telegram",
                    "getMe at " + api + " answered " + me.status + " " + describe(me.body),
                    me.status == 401
                            ? "Telegram refused TELEGRAM_BOT_TOKEN: copy it again from @BotFather (/mybots, API Token);"
                                    + " a revoked token stops working at once"
                            : "the token is malformed or TELEGRAM_API_URL is not a Bot API server"));
            return out;
        }
        if (me.status != 200 || !me.body.path("ok").asBoolean()) {
            out.add(new Finding(
                    Level.FAIL,
                    "telegram",
                    "getMe at " + api + " answered " + me.status + " " + describe(me.body),
                    "try again later; if it persists, check TELEGRAM_API_URL"));
            return out;
        }
        JsonNode user = me.body.path("result");
        out.add(new Finding(
                Level.OK,
                "telegram",
                "token accepted: @" + user.path("username").asText() + " (id "
                        + user.path("id").asText() + ")",
                ""));
        out.add(webhook(config, base));
        return out;
    }

    private Finding webhook(AppConfig config, String base) {
        Reply info = get(URI.create(base + "getWebhookInfo"), null);
        String wanted = config.get(Setting.TELEGRAM_WEBHOOK_URL);
        if (info.error != null || info.status != 200) {
            return new Finding(Level.WARN, "webhook", "getWebhookInfo failed: " + info.summary(), "");
        }
        JsonNode r = info.body.path("result");
        String current = r.path("url").asText("");
        String lastError = r.path("last_error_message").asText("");
        if (wanted.isEmpty()) {
            return current.isEmpty()
                    ? new Finding(Level.OK, "webhook", "none set: the bot uses long polling", "")
                    : new Finding(
                            Level.WARN,
                            "webhook",
                            "Telegram has a webhook at " + current + ", but TELEGRAM_WEBHOOK_URL is empty",
                            "long polling deletes that webhook at start; if another deployment uses it, give each"
                                    + " deployment its own bot token");
        }
        if (!current.equals(wanted)) {
            return new Finding(
                    Level.WARN,
                    "webhook",
                    "Telegram has " + (current.isEmpty() ? "no webhook" : current) + "; the bot sets " + wanted
                            + " at start",
                    "");
        }
        if (!lastError.isEmpty()) {
            return new Finding(
                    Level.WARN,
                    "webhook",
                    wanted + " is set, but Telegram's last delivery failed: " + lastError + " ("
                            + r.path("pending_update_count").asInt() + " updates pending)",
                    "Telegram must reach the URL over HTTPS on port 443, 80, 88 or 8443 and forward it to"
                            + " EXCERPT_BOT_HTTP_PORT");
        }
        return new Finding(Level.OK, "webhook", wanted + " is set", "");
    }

    private Finding discord(AppConfig config) {
        if (config.discordToken().isEmpty()) {
            return new Finding(Level.SKIP, "discord", "DISCORD_BOT_TOKEN is not set", "");
        }
        String api = config.get(Setting.DISCORD_API_URL);
        Reply me = get(
                URI.create(api + "users/@me"), "Bot " + config.discordToken().get());
        if (me.error != null) {
            return new Finding(
                    Level.FAIL, "discord", "users/@me at " + api + ": " + me.error, "is DISCORD_API_URL reachable?");
        }
        if (me.status == 401) {
            return new Finding(
                    Level.FAIL,
                    "discord",
                    "users/@me at " + api + " answered 401 " + describe(me.body),
                    "Discord refused DISCORD_BOT_TOKEN: in the developer portal, Bot, Reset Token, and paste the"
                            + " new one");
        }
        if (me.status != 200) {
            return new Finding(
                    Level.FAIL,
                    "discord",
                    "users/@me at " + api + " answered " + me.status + " " + describe(me.body),
                    "try again later; if it persists, check DISCORD_API_URL");
        }
        return new Finding(
                Level.OK,
                "discord",
                "token accepted: " + me.body.path("username").asText() + " (id "
                        + me.body.path("id").asText() + ")",
                "");
    }

    private static Finding httpPort(AppConfig config) {
        String port = config.get(Setting.HTTP_PORT);
        if (port.isEmpty()) {
            if (!config.get(Setting.TELEGRAM_WEBHOOK_URL).isEmpty()) {
                return new Finding(
                        Level.FAIL,
                        "http",
                        "TELEGRAM_WEBHOOK_URL is set but EXCERPT_BOT_HTTP_PORT is not, so nothing receives the updates",
                        "set EXCERPT_BOT_HTTP_PORT to the port your reverse proxy forwards the webhook to");
            }
            return new Finding(Level.SKIP, "http", "EXCERPT_BOT_HTTP_PORT is not set: no /healthz, /metrics", "");
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(Integer.parseInt(port)));
            return new Finding(
                    Level.OK, "http", "port " + port + " is free for /healthz, /metrics and the webhook", "");
        } catch (IOException e) {
            return new Finding(
                    Level.WARN,
                    "http",
                    "port " + port + " is in use (" + e.getMessage() + ")",
                    "if the bot is not already running here, choose another EXCERPT_BOT_HTTP_PORT");
        }
    }

    // ---- HTTP

    private record Reply(int status, JsonNode body, String error) {
        String summary() {
            return error != null ? error : status + " " + describe(body);
        }
    }

    private Reply get(URI uri, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", "DiscordBot (https://github.com/excerptbot, 1.0) excerpt-bot-doctor")
                .GET();
        if (authorization != null) b.header("Authorization", authorization);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(r.body());
            } catch (IOException e) {
                body = JSON.getNodeFactory()
                        .textNode(r.body().length() > 120 ? r.body().substring(0, 120) : r.body());
            }
            return new Reply(r.statusCode(), body == null ? JSON.missingNode() : body, null);
        } catch (ConnectException e) {
            return new Reply(0, null, "connection refused");
        } catch (HttpTimeoutException e) {
            return new Reply(0, null, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Reply(
                    0, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, "interrupted");
        }
    }

    private static String describe(JsonNode body) {
        if (body == null || body.isMissingNode()) return "";
        if (body.isTextual()) return body.asText();
        if (body.has("description")) return "(" + body.get("description").asText() + ")";
        if (body.has("message")) return "(" + body.get("message").asText() + ")";
        return "";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
