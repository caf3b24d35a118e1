package org.excerptbot.app;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.excerptbot.core.store.Database;

/**
 * A data source whose database is still being opened (and migrated) on another thread: the first connection
 * waits for it. Lets start-up build everything else, and answer commands that need no database, meanwhile.
 */
final class PendingDataSource implements DataSource, AutoCloseable {
    private final CompletableFuture<Database> database;

    PendingDataSource(CompletableFuture<Database> database) {
        this.database = database;
    }

    /** The database, once open; rethrows what failed to open it. */
    Database database() {
        try {
            return database.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Waits for the opening to end and closes the database if it opened; one that failed has nothing to close. */
    @Override
    public void close() {
        try {
            database.join().close();
        } catch (CompletionException | CancellationException e) {
            // it never opened; whoever waited for it has its reason
        }
    }

    private DataSource target() {
        return database().dataSource();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target().getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target().isWrapperFor(iface);
    }
}
