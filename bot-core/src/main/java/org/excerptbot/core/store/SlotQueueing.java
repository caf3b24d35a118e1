package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStatus;

/**
 * Queues a slot's posts for {@link JdbcDeliveryStore}: an {@code INSERT ... SELECT ... WHERE NOT EXISTS} guarded by
 * the unique (subscription, local date) key, in batches of subscriptions, one transaction each.
 */
final class SlotQueueing {
    /** How many subscriptions one transaction of {@link #enqueue} covers (the first one: at most 64). */
    static final int ENQUEUE_BATCH = 500;

    private static final int FIRST_ENQUEUE_BATCH = 64;

    /** The subscription posts on the day whose {@link Days#bit} is bound: portable integer arithmetic on the mask. */
    private static final String ON_DAY = "MOD(s.days / ?, 2) = 1";

    /** The subscription has no post on the local date bound (over the unique key). */
    private static final String NO_POST_YET =
            "NOT EXISTS (SELECT 1 FROM delivery d WHERE d.subscription_id = s.id AND d.local_date = ?)";

    /**
     * PostgreSQL: a large slot refreshes the queue's statistics after this many rows, then each time it has doubled.
     * With the statistics of a near-empty table the planner checks each batch's NOT EXISTS by reading the whole
     * queue (300,000 posts of one minute took minutes to queue); autovacuum may be off or a minute behind.
     */
    private static final int ANALYZE_AFTER = 5_000;

    private final Jdbc jdbc;
    private final Database.Kind kind;
    private final int enqueueBatch;

    SlotQueueing(Jdbc jdbc, Database.Kind kind, int enqueueBatch) {
        if (enqueueBatch < 1)
            throw new IllegalArgumentException("enqueueBatch: must be at least 1, was " + enqueueBatch);
        this.jdbc = jdbc;
        this.kind = kind;
        this.enqueueBatch = enqueueBatch;
    }

    /**
     * Lists the slot's subscriptions and queues them {@link #ENQUEUE_BATCH} at a time, one transaction each. The
     * first, small batch is listed and queued on its own, so that the senders start on it while the rest of the slot
     * is listed. A batch names its ids ({@code s.id IN (...)}), so that it reads them by primary key: with an id range
     * the database reads the whole slot through its index for every batch.
     */
    int enqueue(Slot slot, LocalDate date, Instant dueAt, IntConsumer batchQueued) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(batchQueued, "batchQueued");
        int firstSize = Math.min(FIRST_ENQUEUE_BATCH, enqueueBatch);
        List<Long> first = slotIds(slot, date, dueAt, Long.MIN_VALUE, firstSize);
        int total = queue(slot, date, dueAt, first, batchQueued);
        if (first.size() < firstSize) return total;
        List<Long> rest = slotIds(slot, date, dueAt, first.get(first.size() - 1), Integer.MAX_VALUE);
        long analyzedAt = 0;
        for (int from = 0; from < rest.size(); from += enqueueBatch) {
            total += queue(
                    slot, date, dueAt, rest.subList(from, Math.min(rest.size(), from + enqueueBatch)), batchQueued);
            if (kind == Database.Kind.POSTGRESQL && total >= 2 * analyzedAt + ANALYZE_AFTER) {
                jdbc.tx("analyze the queue", c -> {
                    try (java.sql.Statement st = c.createStatement()) {
                        return st.execute("ANALYZE delivery");
                    }
                });
                analyzedAt = total;
            }
        }
        return total;
    }

    /**
     * The ids of the slot's active subscriptions that post on {@code date}'s day of the week and have no post on
     * {@code date} yet, after {@code afterId}, in order, at most {@code limit}. Queuing a slot again (the catch-up
     * every few minutes, another instance) then lists what is missing, not every subscription of the slot.
     */
    private List<Long> slotIds(Slot slot, LocalDate date, Instant dueAt, long afterId, int limit) {
        return jdbc.tx("list the subscriptions of " + slot, c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id FROM subscription s WHERE s.status = ?"
                    + " AND s.post_time = ? AND s.zone = ? AND s.changed_at <= ? AND " + ON_DAY
                    + " AND s.id > ? AND " + NO_POST_YET
                    + " ORDER BY s.id" + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit))) {
                ps.setString(1, SubscriptionStatus.ACTIVE.name());
                ps.setString(2, slot.timeText());
                ps.setString(3, slot.zone().getId());
                ps.setLong(4, dueAt.toEpochMilli());
                ps.setInt(5, Days.bit(date.getDayOfWeek()));
                ps.setLong(6, afterId);
                ps.setObject(7, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** Queues one batch in its own transaction and reports it when it added posts. */
    private int queue(Slot slot, LocalDate date, Instant dueAt, List<Long> batch, IntConsumer batchQueued) {
        if (batch.isEmpty()) return 0;
        int added = jdbc.txRetryingUnique("queue posts of " + slot + " on " + date, c -> {
            if (kind == Database.Kind.POSTGRESQL) planForTheseValues(c);
            return insertBatch(c, slot, date, dueAt, batch);
        });
        if (added > 0) batchQueued.accept(added);
        return added;
    }

    /**
     * PostgreSQL: plans this transaction's statements for their values. After five runs of a prepared statement it may
     * switch to a plan for any values, and for any slot it estimates the average one, a few rows; for a slot that
     * holds a third of all subscriptions that plan reads the whole slot through its index for every batch of ids.
     */
    private static void planForTheseValues(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    /** Queues the posts of those of the subscriptions that are (still) due in the slot and have none yet. */
    private static int insertBatch(Connection c, Slot slot, LocalDate date, Instant dueAt, List<Long> ids)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (subscription_id, local_date,"
                + " platform, status, due_at, not_before, attempts)"
                + " SELECT s.id, ?, s.platform, ?, ?, ?, 0 FROM subscription s"
                + " WHERE s.status = ? AND s.post_time = ? AND s.zone = ? AND s.changed_at <= ? AND " + ON_DAY
                + " AND s.id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ") AND "
                + NO_POST_YET)) {
            int i = 0;
            ps.setObject(++i, date);
            ps.setString(++i, DeliveryStatus.PENDING.name());
            ps.setLong(++i, dueAt.toEpochMilli());
            ps.setLong(++i, dueAt.toEpochMilli());
            ps.setString(++i, SubscriptionStatus.ACTIVE.name());
            ps.setString(++i, slot.timeText());
            ps.setString(++i, slot.zone().getId());
            ps.setLong(++i, dueAt.toEpochMilli());
            ps.setInt(++i, Days.bit(date.getDayOfWeek()));
            for (long id : ids) ps.setLong(++i, id);
            ps.setObject(++i, date);
            return ps.executeUpdate();
        }
    }
}
