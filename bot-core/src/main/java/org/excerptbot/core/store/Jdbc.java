package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Transactions over a pool, with SQL errors turned into {@link StoreException}. */
final class Jdbc {
    /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final int UNIQUE_RETRIES = 5;

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = java.util.Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T tx(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #tx}, but runs the work again when it lost a race on a unique key (another transaction
     * inserted the same key first): the retry sees the winner's row.
     */
    <T> T txRetryingUnique(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx(what, work);
            } catch (StoreException e) {
                if (attempt >= UNIQUE_RETRIES || !isUniqueViolation(e.getCause())) throw e;
            }
        }
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) return true;
        }
        return false;
    }
}
