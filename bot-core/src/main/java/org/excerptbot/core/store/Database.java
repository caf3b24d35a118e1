package org.excerptbot.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The bot's database: a HikariCP pool over H2 (embedded, the default) or PostgreSQL, migrated by Flyway on
 * opening. The same pool serves the stores and the Quartz job store.
 */
public final class Database implements AutoCloseable {
    /** The SQL dialect, where the two differ (claiming, Quartz's DDL and delegate). */
    public enum Kind {
        H2,
        POSTGRESQL;

        /** The kind a JDBC URL names: {@code jdbc:h2:...} or {@code jdbc:postgresql:...}. */
        public static Kind of(String url) {
            Objects.requireNonNull(url, "url");
            if (url.startsWith("jdbc:h2:")) return H2;
            if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
            throw new IllegalArgumentException("url: expected jdbc:h2:... or jdbc:postgresql:..., was " + url);
        }
    }

    /** The version of the newest migration under db/migration (a test keeps the two in step). */
    static final int LATEST_MIGRATION = 7;

    /** The H2 file name inside the data directory (H2 adds {@code .mv.db}). */
    public static final String H2_FILE = "excerpt-bot";

    private final HikariDataSource dataSource;
    private final Kind kind;
    private final EmbeddedServer server;

    private Database(HikariDataSource dataSource, Kind kind, EmbeddedServer server) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.server = server;
    }

    private Database serving(EmbeddedServer embeddedServer) {
        return new Database(dataSource, kind, embeddedServer);
    }

    /**
     * The embedded H2 database in {@code dataDir} (created if absent), migrated, opened by this process (the bot,
     * the console) and served from it to the management commands of other processes: an H2 TCP server on the
     * loopback interface, at a port and under a random database key written to {@link #SERVER_FILE} (readable by
     * its owner only), both gone when this is closed. The file itself allows one process.
     */
    public static Database embedded(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("dataDir: cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        Database db = open(embeddedUrl(dataDir), "sa", "", null, 10);
        try {
            return db.serving(EmbeddedServer.start(dataDir, embeddedPath(dataDir)));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The embedded database in {@code dataDir} for a short task beside a running bot (list, export, import): through
     * the running process's server when {@link #SERVER_FILE} names one that answers, else opened here (and served,
     * as {@link #embedded} does, while open).
     */
    public static Database attach(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Optional<String> served = EmbeddedServer.url(dataDir);
        if (served.isPresent()) {
            try {
                return open(served.get(), "sa", "", null, 2);
            } catch (RuntimeException e) {
                // a server file left by a process that died; the file lock decides below
            }
        }
        return embedded(dataDir);
    }

    /**
     * The JDBC URL that opens the embedded database in {@code dataDir} in this process. {@code DB_CLOSE_ON_EXIT=FALSE}
     * keeps it open until the graceful stop has recorded the last posts (H2's automatic mixed mode cannot be
     * combined with it, hence the explicit server).
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + embeddedPath(dataDir) + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    private static Path embeddedPath(Path dataDir) {
        return Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().resolve(H2_FILE);
    }

    /** The JDBC URL of the running process's server of the embedded database in {@code dataDir}, if it names one. */
    public static Optional<String> servedUrl(Path dataDir) {
        return EmbeddedServer.url(Objects.requireNonNull(dataDir, "dataDir"));
    }

    /** The file in the data directory that says where the process that has the embedded database open serves it. */
    public static final String SERVER_FILE = EmbeddedServer.FILE;

    /** A database named by JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}), migrated. */
    public static Database open(String url, String user, String password) {
        return open(url, user, password, null, 10);
    }

    /**
     * A database named by JDBC URL, migrated.
     *
     * @param schema the schema to use and create (PostgreSQL), or null for the default
     * @param poolSize the most connections the pool keeps; Quartz needs its thread count plus two of them
     */
    public static Database open(String url, String user, String password, String schema, int poolSize) {
        Kind kind = Kind.of(url);
        if (poolSize < 2) throw new IllegalArgumentException("poolSize: must be at least 2, was " + poolSize);
        HikariConfig config = new HikariConfig();
        config.setPoolName("excerpt-bot-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password == null ? "" : password);
        config.setMaximumPoolSize(poolSize);
        // embedded H2 opens connections in microseconds: a second idle one at start-up only costs CPU
        config.setMinimumIdle(kind == Kind.H2 ? 1 : Math.min(2, poolSize));
        if (schema != null) config.setSchema(schema);
        // the driver sends a JDBC batch of inserts as multi-row INSERTs: an import of a million rows in seconds
        if (kind == Kind.POSTGRESQL) config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            if (!isCurrent(ds)) {
                var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
                if (schema != null) flyway.schemas(schema).defaultSchema(schema);
                flyway.load().migrate();
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, kind, null);
    }

    /**
     * True when Flyway's history says the schema already has {@link #LATEST_MIGRATION}, so that a restart skips
     * Flyway's start-up cost (loading it and scanning the class path). Any doubt means "run Flyway".
     */
    static boolean isCurrent(DataSource ds) {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            int highest = 0;
            while (rs.next())
                highest = Math.max(highest, Integer.parseInt(rs.getString(1).strip()));
            return highest == LATEST_MIGRATION;
        } catch (SQLException | NumberFormatException e) {
            return false;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void close() {
        // other processes first lose the server, then this one closes the file
        if (server != null) server.close();
        dataSource.close();
    }
}
