package org.excerptbot.core.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.excerptbot.core.store.Database;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;

/**
 * Creates Quartz's tables from the DDL Quartz ships in its jar ({@code tables_h2.sql}, {@code tables_postgres.sql})
 * when they are absent. Never drops anything.
 */
final class QuartzTables {
    private QuartzTables() {}

    static String ddlResource(Database.Kind kind) {
        return kind == Database.Kind.H2
                ? "org/quartz/impl/jdbcjobstore/tables_h2.sql"
                : "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    }

    static String delegateClass(Database.Kind kind) {
        return kind == Database.Kind.H2 ? StdJDBCDelegate.class.getName() : PostgreSQLDelegate.class.getName();
    }

    /** Creates the tables if {@code QRTZ_LOCKS} is absent; returns true when it created them. */
    static boolean ensure(DataSource dataSource, Database.Kind kind) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c)) return false;
            List<String> statements = statements(read(ddlResource(kind)));
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : statements) st.execute(sql);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (exists(c)) return false; // another instance created them meanwhile
                throw e;
            }
            return true;
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        for (String name : new String[] {"QRTZ_LOCKS", "qrtz_locks"}) {
            try (ResultSet rs = meta.getTables(null, schema, name, new String[] {"TABLE"})) {
                if (rs.next()) return true;
            }
        }
        return false;
    }

    /** The DDL's statements, without comments, DROPs (the PostgreSQL file starts with them) or COMMIT. */
    static List<String> statements(String ddl) {
        StringBuilder clean = new StringBuilder();
        for (String line : ddl.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("--")) clean.append(line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String part : clean.toString().split(";")) {
            String sql = part.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (sql.isEmpty() || upper.equals("COMMIT") || upper.startsWith("DROP ")) continue;
            out.add(sql);
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = QuartzTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Quartz DDL not on the class path: " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
