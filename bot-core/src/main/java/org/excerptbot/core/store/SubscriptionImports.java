package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore.Restored;

/** {@link JdbcSubscriptionStore#restoreAll}: an import's schedules written in batches, one transaction each. */
final class SubscriptionImports {
    /** How many schedules one transaction of {@link #restoreAll} covers. */
    static final int RESTORE_BATCH = 1000;

    private final Jdbc jdbc;

    SubscriptionImports(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per batch: reads the batch's schedules that exist (one query per platform, by the unique key of chat and
     * local time), then inserts the new ones and updates the changed ones with one JDBC batch each (on PostgreSQL
     * the driver rewrites the insert batch into multi-row inserts). A unique violation (the running bot subscribed
     * one of the chats meanwhile) runs the batch again, which then sees that row.
     */
    int restoreAll(Iterator<Restored> subscriptions, Instant now) {
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(now, "now");
        int changed = 0;
        long analyzedAt = 0;
        List<Restored> batch = new ArrayList<>(RESTORE_BATCH);
        while (subscriptions.hasNext()) {
            batch.clear();
            while (batch.size() < RESTORE_BATCH && subscriptions.hasNext()) batch.add(subscriptions.next());
            changed += jdbc.txRetryingUnique("restore subscriptions", c -> restoreBatch(c, batch, now));
            if (changed >= 2 * analyzedAt + RESTORE_BATCH) {
                jdbc.tx("analyze subscriptions", SubscriptionImports::analyze);
                analyzedAt = changed;
            }
        }
        return changed;
    }

    /**
     * PostgreSQL: refreshes the table's statistics while an import grows it (after 1, 3, 7, ... batches). With the
     * statistics of a near-empty table the planner reads a batch's chats through the platform alone, every row of it
     * (seconds per batch at a million rows); autovacuum may be off or behind during a bulk load.
     */
    private static Void analyze(Connection c) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) return null;
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("ANALYZE subscription");
        }
        return null;
    }

    private static int restoreBatch(Connection c, List<Restored> batch, Instant now) throws SQLException {
        Map<ScheduleKey, Subscription> existing = existing(c, batch);
        int changed = 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO subscription (" + RESTORED
                        + ", platform, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE subscription SET (" + RESTORED
                        + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
            boolean inserts = false;
            boolean updates = false;
            for (Restored r : batch) {
                Subscription e = existing.get(
                        new ScheduleKey(r.chat(), r.schedule().slot().timeText()));
                if (e == null) {
                    bindRestored(insert, r, now);
                    insert.setString(13, r.chat().platform().name());
                    insert.setString(14, r.chat().id());
                    insert.setLong(15, now.toEpochMilli());
                    insert.addBatch();
                    inserts = true;
                } else if (!isAsRestored(e, r)) {
                    bindRestored(update, r, now);
                    update.setLong(13, e.id());
                    update.addBatch();
                    updates = true;
                } else {
                    continue;
                }
                changed++;
            }
            if (inserts) insert.executeBatch();
            if (updates) update.executeBatch();
        }
        return changed;
    }

    /** The batch's schedules that already exist, by chat and local time. */
    private static Map<ScheduleKey, Subscription> existing(Connection c, List<Restored> batch) throws SQLException {
        Map<Platform, List<Restored>> byPlatform = new EnumMap<>(Platform.class);
        for (Restored r : batch) {
            byPlatform
                    .computeIfAbsent(r.chat().platform(), p -> new ArrayList<>())
                    .add(r);
        }
        Map<ScheduleKey, Subscription> out = new HashMap<>();
        for (var e : byPlatform.entrySet()) {
            List<Restored> rows = e.getValue();
            // a join on the keys as a table: H2 reads each through the unique index, where it would compare every
            // row of the platform with each value of an IN list
            try (PreparedStatement ps = c.prepareStatement("SELECT " + JdbcSubscriptionStore.COLUMNS + " FROM (VALUES "
                    + String.join(",", Collections.nCopies(rows.size(), "(?, ?)"))
                    + ") v (chat_id, post_time) JOIN subscription s ON s.platform = ? AND s.chat_id = v.chat_id"
                    + " AND s.post_time = v.post_time")) {
                int i = 1;
                for (Restored r : rows) {
                    ps.setString(i++, r.chat().id());
                    ps.setString(i++, r.schedule().slot().timeText());
                }
                ps.setString(i, e.getKey().name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Subscription s = JdbcSubscriptionStore.read(rs, 1);
                        out.put(new ScheduleKey(s.chat(), s.slot().timeText()), s);
                    }
                }
            }
        }
        return out;
    }

    /** A schedule by its unique key (the chat type may differ between the file and the row). */
    private record ScheduleKey(Platform platform, String id, String time) {
        ScheduleKey(ChatRef chat, String time) {
            this(chat.platform(), chat.id(), time);
        }
    }

    private static boolean isAsRestored(Subscription e, Restored r) {
        return e.chat().equals(r.chat())
                && e.schedule().equals(r.schedule())
                && e.language().equals(r.language())
                && e.cursor() == r.cursor()
                && e.status() == r.status();
    }

    /** The columns an import sets, in the order {@link #bindRestored} binds them. */
    private static final String RESTORED = "chat_type, post_time, zone, mode, days, post_format, language,"
            + " read_cursor, status, status_reason, changed_at, thread_id";

    private static void bindRestored(PreparedStatement ps, Restored r, Instant now) throws SQLException {
        Schedule schedule = r.schedule();
        ps.setString(1, r.chat().type().name());
        ps.setString(2, schedule.slot().timeText());
        ps.setString(3, schedule.slot().zone().getId());
        ps.setString(4, schedule.mode().name());
        ps.setInt(5, schedule.days().mask());
        ps.setString(6, schedule.format().name());
        ps.setString(7, r.language());
        ps.setLong(8, r.cursor());
        ps.setString(9, r.status().name());
        ps.setString(10, r.status() == SubscriptionStatus.ACTIVE ? null : "imported");
        ps.setLong(11, now.toEpochMilli());
        ps.setString(12, r.chat().thread().orElse(null));
    }
}
