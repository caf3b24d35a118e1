package org.excerptbot.core.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A fresh, migrated database for one test: an in-memory H2 database, or a new schema in the PostgreSQL server at
 * 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust). Each opening gets its own name, so
 * parallel and earlier runs never collide; closing drops it.
 */
public final class TestDb implements AutoCloseable {
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";
    private static final int H2_DATABASE_CLOSED = 90121;

    private final Database database;
    private final String url;
    private final String schema;

    private TestDb(Database database, String url, String schema) {
        this.database = database;
        this.url = url;
        this.schema = schema;
    }

    /**
     * Both kinds, named, for a parameterized test ({@code @MethodSource("org.excerptbot.core.store.TestDb#both")}):
     * each argument opens a fresh database when the test calls it.
     */
    public static Stream<Arguments> both() {
        return Stream.of(
                Arguments.of(Named.of("H2", (Supplier<TestDb>) TestDb::h2)),
                Arguments.of(Named.of("PostgreSQL", (Supplier<TestDb>) TestDb::postgres)));
    }

    /** A new in-memory H2 database. */
    public static TestDb h2() {
        String url = "jdbc:h2:mem:eb_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return new TestDb(Database.open(url, "sa", "", null, 10), url, null);
    }

    /** A new schema on the local PostgreSQL server; the test is skipped (not failed) when none answers. */
    public static TestDb postgres() {
        assumeTrue(
                postgresReachable(),
                "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres, trust auth):"
                        + " skipping the PostgreSQL run of this contract");
        String schema = "eb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new TestDb(Database.open(PG_URL, PG_USER, "", schema, 10), PG_URL, schema);
    }

    /** Another migrated pool on the same database (a second instance of the bot). */
    public Database openAnother() {
        return Database.open(url, schema == null ? "sa" : PG_USER, "", schema, 10);
    }

    /** A new connection of its own to the same database (PostgreSQL: the same schema), outside any pool. */
    public Connection connect() throws SQLException {
        if (schema == null) return DriverManager.getConnection(url, "sa", "");
        Connection c = DriverManager.getConnection(url, PG_USER, "");
        c.setSchema(schema);
        return c;
    }

    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public Database.Kind kind() {
        return database.kind();
    }

    /** True when the local PostgreSQL server answers. */
    public static boolean postgresAvailable() {
        return postgresReachable();
    }

    private static boolean postgresReachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
        } catch (java.io.IOException e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (schema != null) {
                database.close();
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            } else {
                try (Connection c = database.dataSource().getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    // closing the statement of a database that has just shut down fails: that is the goal
                    if (e.getErrorCode() != H2_DATABASE_CLOSED) throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database: " + e.getMessage(), e);
        } finally {
            database.close();
        }
    }
}
