package org.excerptbot.app.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.excerptbot.core.metrics.HealthCheck;

/** The database is up when the pool hands out a connection that answers {@link Connection#isValid}. */
public final class DatabaseHealth implements HealthCheck {
    private final DataSource dataSource;

    public DatabaseHealth(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Result check() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2)
                    ? Result.up(c.getMetaData().getDatabaseProductName() + " answers")
                    : Result.down("the connection did not answer");
        } catch (SQLException e) {
            return Result.down("no connection: " + e.getMessage());
        }
    }
}
