package org.excerptbot.app.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.Setting;
import org.excerptbot.app.logging.Redaction;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.Diagnosis.Level;
import org.excerptbot.core.platform.PlatformFactory;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.subscription.Slot;

/**
 * Checks a configuration against the world: the database answers and has our schema, each configured platform
 * accepts its settings (each platform's factory checks its own), the HTTP port is usable. Each finding says what
 * to fix. Secrets never appear in a finding.
 */
public final class Doctor {
    private final Duration timeout;

    public Doctor(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Runs every check: the configuration, the database, each configured platform's own check, the HTTP port.
     *
     * @param unconfigured what to report for the platforms the configuration leaves out
     */
    public List<Diagnosis> examine(AppConfig config, List<PlatformFactory> platforms, List<Diagnosis> unconfigured) {
        for (Setting s : Setting.values()) {
            if (s.secret()) Redaction.addSecret(config.sources().value(s));
        }
        List<Diagnosis> out = new ArrayList<>();
        out.add(configuration(config));
        out.add(database(config));
        out.add(busiestMinute(config, java.time.Instant.now()));
        for (PlatformFactory platform : platforms) out.addAll(platform.diagnose(timeout));
        out.addAll(unconfigured);
        out.add(httpPort(config));
        return out;
    }

    /** Prints the report, secrets masked; returns the exit code: 0 when nothing failed, 1 otherwise. */
    public static int print(List<Diagnosis> findings, PrintStream out) {
        out.println("Excerpt Bot doctor");
        long failed = 0;
        for (Diagnosis f : findings) {
            out.printf(
                    "  %-5s %-14s %s%n",
                    f.level() == Level.OK ? "ok" : f.level().name(), f.subject(), Redaction.mask(f.detail()));
            if (!f.fix().isEmpty()) out.printf("  %-5s %-14s fix: %s%n", "", "", Redaction.mask(f.fix()));
            if (f.level() == Level.FAIL) failed++;
        }
        out.println(failed == 0 ? "Nothing to fix." : failed + (failed == 1 ? " problem" : " problems") + " to fix.");
        return failed == 0 ? 0 : 1;
    }

    private static Diagnosis configuration(AppConfig config) {
        int flags = 0;
        int env = 0;
        int file = 0;
        for (Setting s : Setting.values()) {
            String origin = config.sources().origin(s);
            if (origin.startsWith("flag")) flags++;
            else if (origin.startsWith("environment")) env++;
            else if (origin.startsWith("file")) file++;
        }
        String from = "valid (" + flags + " from flags, " + env + " from the environment, " + file + " from the file,"
                + " the rest defaults)";
        if (!config.hasPlatform()) {
            return new Diagnosis(
                    Level.WARN,
                    "configuration",
                    from + "; no platform is configured, so the bot can only run its console",
                    "set TELEGRAM_BOT_TOKEN (from @BotFather) and/or DISCORD_BOT_TOKEN (developer portal)");
        }
        return new Diagnosis(Level.OK, "configuration", from, "");
    }

    private static Diagnosis database(AppConfig config) {
        if (config.database().isEmpty()) return embedded(config.dataDir());
        String url = config.database().get().url();
        Properties props = new Properties();
        props.setProperty("user", config.database().get().user());
        props.setProperty("password", config.database().get().password());
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", "5");
            props.setProperty("socketTimeout", "10");
            props.setProperty("loginTimeout", "5");
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            return new Diagnosis(
                    Level.OK,
                    "database",
                    c.getMetaData().getDatabaseProductName() + " "
                            + c.getMetaData().getDatabaseProductVersion() + " at " + url + ": " + schema(c),
                    "");
        } catch (SQLException e) {
            return new Diagnosis(Level.FAIL, "database", "cannot connect to " + url + ": " + firstLine(e), dbFix(e));
        }
    }

    /**
     * The minute with the most active subscriptions of one platform (slots of several zones can fall on one
     * instant): a warning when its posts take more than an hour at the platform's rate, since they then queue behind
     * each other for hours and later slots share the rate with them.
     */
    static Diagnosis busiestMinute(AppConfig config, java.time.Instant now) {
        Map<Platform, Map<java.time.Instant, Integer>> perMinute = new java.util.EnumMap<>(Platform.class);
        Map<Platform, Map<java.time.Instant, Slot>> example = new java.util.EnumMap<>(Platform.class);
        try (Connection c = readOnly(config);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT platform, post_time, zone, COUNT(*) FROM subscription"
                        + " WHERE status = 'ACTIVE' GROUP BY platform, post_time, zone")) {
            while (rs.next()) {
                Platform platform = Platform.valueOf(rs.getString(1));
                Slot slot = new Slot(java.time.LocalTime.parse(rs.getString(2)), java.time.ZoneId.of(rs.getString(3)));
                java.time.Instant at = slot.nextAfter(now);
                perMinute
                        .computeIfAbsent(platform, p -> new java.util.HashMap<>())
                        .merge(at, rs.getInt(4), Integer::sum);
                example.computeIfAbsent(platform, p -> new java.util.HashMap<>())
                        .merge(at, slot, (a, b) -> a);
            }
        } catch (SQLException | RuntimeException e) {
            return new Diagnosis(Level.SKIP, "busiest minute", "no subscriptions to read yet", "");
        }
        var limits = BotRuntime.deliveryConfig(config);
        Diagnosis busiest = null;
        double longest = -1;
        for (var e : perMinute.entrySet()) {
            double rate = limits.limitsOf(e.getKey()).pacedPerSecond();
            for (var m : e.getValue().entrySet()) {
                double seconds = rate == 0 ? 0 : m.getValue() / rate;
                if (seconds <= longest) continue;
                longest = seconds;
                String what = String.format(
                        Locale.ROOT,
                        "%d %s subscriptions at %s (%s UTC): %s at %.1f/s",
                        m.getValue(),
                        e.getKey().name().toLowerCase(Locale.ROOT),
                        example.get(e.getKey()).get(m.getKey()),
                        java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                                .withZone(java.time.ZoneOffset.UTC)
                                .format(m.getKey()),
                        duration(seconds),
                        rate);
                busiest = seconds > 3600
                        ? new Diagnosis(
                                Level.WARN,
                                "busiest minute",
                                what + ", more than an hour: the last post goes out " + duration(seconds) + " late",
                                "spread these subscriptions over more minutes, or raise the platform's rate")
                        : new Diagnosis(Level.OK, "busiest minute", what, "");
            }
        }
        return busiest != null ? busiest : new Diagnosis(Level.OK, "busiest minute", "no active subscriptions", "");
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** A connection to the configured database that neither creates nor migrates it. */
    private static Connection readOnly(AppConfig config) throws SQLException {
        if (config.database().isPresent()) {
            var db = config.database().get();
            Properties props = new Properties();
            props.setProperty("user", db.user());
            props.setProperty("password", db.password());
            if (db.url().startsWith("jdbc:postgresql:")) props.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(db.url(), props);
        }
        var served = Database.servedUrl(config.dataDir());
        if (served.isPresent()) return DriverManager.getConnection(served.get(), "sa", "");
        return DriverManager.getConnection(
                "jdbc:h2:file:" + config.dataDir().toAbsolutePath().resolve(Database.H2_FILE) + ";IFEXISTS=TRUE",
                "sa",
                "");
    }

    private static Diagnosis embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(Database.H2_FILE + ".mv.db");
        if (!Files.exists(file)) {
            Path existing = dataDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null || !Files.isWritable(existing)) {
                return new Diagnosis(
                        Level.FAIL,
                        "database",
                        "embedded H2: " + dataDir + " does not exist and cannot be created",
                        "make EXCERPT_BOT_DATA_DIR a directory this user can write");
            }
            return new Diagnosis(
                    Level.OK,
                    "database",
                    "embedded H2: no database in " + dataDir + " yet; the first start creates it",
                    "");
        }
        var served = Database.servedUrl(dataDir);
        if (served.isPresent()) {
            try (Connection c = DriverManager.getConnection(served.get(), "sa", "")) {
                return new Diagnosis(
                        Level.OK,
                        "database",
                        "embedded H2 in " + dataDir + ", served by the running bot: " + schema(c),
                        "");
            } catch (SQLException e) {
                // left by a bot that did not stop cleanly: open the file itself
            }
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(Database.H2_FILE) + ";IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return new Diagnosis(Level.OK, "database", "embedded H2 in " + dataDir + ": " + schema(c), "");
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) {
                return new Diagnosis(
                        Level.OK,
                        "database",
                        "embedded H2 in " + dataDir + " is open in a running bot (the embedded database allows one"
                                + " process)",
                        "");
            }
            return new Diagnosis(
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

    private static Diagnosis httpPort(AppConfig config) {
        if (config.httpPort().isEmpty()) {
            return new Diagnosis(Level.SKIP, "http", "EXCERPT_BOT_HTTP_PORT is not set: no /healthz, /metrics", "");
        }
        int port = config.httpPort().getAsInt();
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return new Diagnosis(
                    Level.OK, "http", "port " + port + " is free for /healthz, /metrics and the webhook", "");
        } catch (IOException e) {
            return new Diagnosis(
                    Level.WARN,
                    "http",
                    "port " + port + " is in use (" + e.getMessage() + ")",
                    "if the bot is not already running here, choose another EXCERPT_BOT_HTTP_PORT");
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
