package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queuing a slot that holds a large share of all subscriptions, on PostgreSQL: each batch reads its own
 * subscriptions by primary key, not the whole slot. PostgreSQL's statistics of what the queueing read are the
 * measure, so the store runs on one connection whose counts are flushed before they are read.
 */
class PostgresSlotQueueingTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Slot BUSY = new Slot(LocalTime.of(8, 0), UTC);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final int IN_SLOT = 2_000;
    private static final int BATCH = 20;

    private TestDb db;
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        db = TestDb.postgres();
        connection = db.connect();
    }

    @AfterEach
    void close() throws SQLException {
        if (connection != null) connection.close();
        if (db != null) db.close();
    }

    @Test
    void aBusySlotIsReadOnceNotOncePerBatch() throws SQLException {
        try (Statement st = connection.createStatement()) {
            // the busy minute holds 2,000 of 6,000 subscriptions; the rest spread over other minutes of the day
            st.executeUpdate("INSERT INTO subscription (platform, chat_id, chat_type, post_time, zone, mode, language,"
                    + " status, created_at, changed_at) SELECT 'TELEGRAM', 'c' || g, 'PRIVATE', CASE WHEN g <= "
                    + IN_SLOT + " THEN '08:00' ELSE lpad((g % 24)::text, 2, '0') || ':' || lpad((1 + g % 59)::text,"
                    + " 2, '0') END, 'UTC', 'DAILY', 'zh', 'ACTIVE', 0, 0 FROM generate_series(1, 6000) g");
            st.execute("ANALYZE subscription");
        }
        JdbcDeliveryStore store = new JdbcDeliveryStore(oneConnection(), Database.Kind.POSTGRESQL, BATCH);
        long before = subscriptionRowsRead();

        int queued = store.enqueue(BUSY, DAY, BUSY.dueOn(DAY));

        assertThat(queued).isEqualTo(IN_SLOT);
        // listing the slot reads it once; each batch then reads its own rows, and the foreign key check them again
        assertThat(subscriptionRowsRead() - before)
                .as("subscription rows read to queue %d posts in batches of %d", IN_SLOT, BATCH)
                .isLessThan(5L * IN_SLOT);
    }

    /** The subscription rows this server's statistics say were read, after this backend's counts are flushed. */
    private long subscriptionRowsRead() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0)"
                    + " FROM pg_stat_user_tables WHERE relid = 'subscription'::regclass")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The test's connection for every transaction of the store, so that one backend counts all it reads. */
    private DataSource oneConnection() {
        Connection shared = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        connection.setAutoCommit(true);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) return shared;
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
