package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;

/** {@link SubscriptionStore} over JDBC (H2 or PostgreSQL), table {@code subscription}. */
public final class JdbcSubscriptionStore implements SubscriptionStore {
    static final String COLUMNS = "s.id, s.platform, s.chat_id, s.chat_type, s.post_time, s.zone, s.mode, s.language,"
            + " s.read_cursor, s.status, s.changed_at";

    private final Jdbc jdbc;

    public JdbcSubscriptionStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Subscription save(ChatRef chat, Slot slot, Mode mode, String language, Instant now) {
        java.util.Objects.requireNonNull(chat, "chat");
        java.util.Objects.requireNonNull(slot, "slot");
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(language, "language");
        return jdbc.txRetryingUnique("save subscription", c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET chat_type = ?, post_time = ?,"
                    + " zone = ?, mode = ?, language = ?, status = ?, status_reason = NULL, changed_at = ?"
                    + " WHERE platform = ? AND chat_id = ?")) {
                ps.setString(1, chat.type().name());
                ps.setString(2, slot.timeText());
                ps.setString(3, slot.zone().getId());
                ps.setString(4, mode.name());
                ps.setString(5, language);
                ps.setString(6, SubscriptionStatus.ACTIVE.name());
                ps.setLong(7, now.toEpochMilli());
                ps.setString(8, chat.platform().name());
                ps.setString(9, chat.id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (platform, chat_id,"
                        + " chat_type, post_time, zone, mode, language, read_cursor, status, created_at, changed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
                    ps.setString(1, chat.platform().name());
                    ps.setString(2, chat.id());
                    ps.setString(3, chat.type().name());
                    ps.setString(4, slot.timeText());
                    ps.setString(5, slot.zone().getId());
                    ps.setString(6, mode.name());
                    ps.setString(7, language);
                    ps.setString(8, SubscriptionStatus.ACTIVE.name());
                    ps.setLong(9, now.toEpochMilli());
                    ps.setLong(10, now.toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return find(c, chat).orElseThrow();
        });
    }

    @Override
    public Optional<Subscription> find(ChatRef chat) {
        return jdbc.tx("find subscription", c -> find(c, chat));
    }

    private static Optional<Subscription> find(Connection c, ChatRef chat) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM subscription s WHERE s.platform = ? AND s.chat_id = ?")) {
            ps.setString(1, chat.platform().name());
            ps.setString(2, chat.id());
            return one(ps);
        }
    }

    @Override
    public Optional<Subscription> byId(long id) {
        return jdbc.tx("find subscription", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM subscription s WHERE s.id = ?")) {
                ps.setLong(1, id);
                return one(ps);
            }
        });
    }

    @Override
    public boolean unsubscribe(ChatRef chat, Instant now) {
        return setStatus(chat, SubscriptionStatus.UNSUBSCRIBED, null, now);
    }

    @Override
    public boolean disable(ChatRef chat, String reason, Instant now) {
        return setStatus(chat, SubscriptionStatus.FORBIDDEN, reason, now);
    }

    private boolean setStatus(ChatRef chat, SubscriptionStatus status, String reason, Instant now) {
        return jdbc.tx("change subscription status", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET status = ?, status_reason = ?,"
                    + " changed_at = ? WHERE platform = ? AND chat_id = ? AND status = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, truncate(reason, 255));
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, chat.platform().name());
                ps.setString(5, chat.id());
                ps.setString(6, SubscriptionStatus.ACTIVE.name());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean migrate(ChatRef chat, String newChatId, Instant now) {
        if (newChatId == null || newChatId.isBlank()) {
            throw new IllegalArgumentException("newChatId: must not be blank");
        }
        if (newChatId.equals(chat.id())) return find(chat).isPresent();
        return jdbc.txRetryingUnique("migrate subscription", c -> {
            Optional<Subscription> old = find(c, chat);
            if (old.isEmpty()) return false;
            if (find(c, chat.withId(newChatId)).isPresent()) {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE subscription SET status = ?," + " status_reason = ? WHERE id = ?")) {
                    ps.setString(1, SubscriptionStatus.MIGRATED.name());
                    ps.setString(2, truncate("moved to " + newChatId, 255));
                    ps.setLong(3, old.get().id());
                    ps.executeUpdate();
                }
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET chat_id = ? WHERE id = ?")) {
                ps.setString(1, newChatId);
                ps.setLong(2, old.get().id());
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Set<Slot> activeSlots() {
        return jdbc.tx("list slots", c -> {
            Set<Slot> slots = new TreeSet<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT DISTINCT post_time, zone FROM subscription WHERE status = ?")) {
                ps.setString(1, SubscriptionStatus.ACTIVE.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        slots.add(new Slot(LocalTime.parse(rs.getString(1).trim()), ZoneId.of(rs.getString(2))));
                    }
                }
            }
            return slots;
        });
    }

    @Override
    public int countActive() {
        return jdbc.tx("count subscriptions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM subscription WHERE status = ?")) {
                ps.setString(1, SubscriptionStatus.ACTIVE.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public java.util.List<Subscription> all() {
        return jdbc.tx("list subscriptions", c -> {
            java.util.List<Subscription> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM subscription s ORDER BY s.id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs, 1));
            }
            return out;
        });
    }

    /** How many chats one transaction of {@link #restoreAll} covers. */
    static final int RESTORE_BATCH = 1000;

    /**
     * Per batch: reads the batch's chats that exist (one query per platform, by the unique key), then inserts the
     * new ones and updates the changed ones with one JDBC batch each (on PostgreSQL the driver rewrites the insert
     * batch into multi-row inserts). A unique violation (the running bot subscribed one of the chats meanwhile)
     * runs the batch again, which then sees that row.
     */
    @Override
    public int restoreAll(java.util.List<Restored> subscriptions, Instant now) {
        java.util.Objects.requireNonNull(subscriptions, "subscriptions");
        java.util.Objects.requireNonNull(now, "now");
        int changed = 0;
        long analyzedAt = 0;
        for (int from = 0; from < subscriptions.size(); from += RESTORE_BATCH) {
            java.util.List<Restored> batch =
                    subscriptions.subList(from, Math.min(subscriptions.size(), from + RESTORE_BATCH));
            changed += jdbc.txRetryingUnique("restore subscriptions", c -> restoreBatch(c, batch, now));
            if (changed >= 2 * analyzedAt + RESTORE_BATCH) {
                jdbc.tx("analyze subscriptions", JdbcSubscriptionStore::analyze);
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

    private static int restoreBatch(Connection c, java.util.List<Restored> batch, Instant now) throws SQLException {
        java.util.Map<ChatKey, Subscription> existing = existing(c, batch);
        int changed = 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO subscription (" + RESTORED
                        + ", platform, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE subscription SET (" + RESTORED + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
            boolean inserts = false;
            boolean updates = false;
            for (Restored r : batch) {
                Subscription e = existing.get(new ChatKey(r.chat()));
                if (e == null) {
                    bindRestored(insert, r, now);
                    insert.setString(10, r.chat().platform().name());
                    insert.setString(11, r.chat().id());
                    insert.setLong(12, now.toEpochMilli());
                    insert.addBatch();
                    inserts = true;
                } else if (!isAsRestored(e, r)) {
                    bindRestored(update, r, now);
                    update.setLong(10, e.id());
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

    /** The batch's chats that already have a subscription, by chat. */
    private static java.util.Map<ChatKey, Subscription> existing(Connection c, java.util.List<Restored> batch)
            throws SQLException {
        java.util.Map<Platform, java.util.List<String>> ids = new java.util.EnumMap<>(Platform.class);
        for (Restored r : batch) {
            ids.computeIfAbsent(r.chat().platform(), p -> new java.util.ArrayList<>())
                    .add(r.chat().id());
        }
        java.util.Map<ChatKey, Subscription> out = new java.util.HashMap<>();
        for (var e : ids.entrySet()) {
            java.util.List<String> chats = e.getValue();
            // a join on the ids as a table: H2 reads each through the unique index, where it would compare every row
            // of the platform with each value of an IN list
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM (VALUES "
                    + String.join(",", java.util.Collections.nCopies(chats.size(), "(?)"))
                    + ") v (chat_id) JOIN subscription s ON s.platform = ? AND s.chat_id = v.chat_id")) {
                for (int i = 0; i < chats.size(); i++) ps.setString(1 + i, chats.get(i));
                ps.setString(chats.size() + 1, e.getKey().name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Subscription s = read(rs, 1);
                        out.put(new ChatKey(s.chat()), s);
                    }
                }
            }
        }
        return out;
    }

    /** A chat by its unique key (the chat type may differ between the file and the row). */
    private record ChatKey(Platform platform, String id) {
        ChatKey(ChatRef chat) {
            this(chat.platform(), chat.id());
        }
    }

    private static boolean isAsRestored(Subscription e, Restored r) {
        return e.chat().type() == r.chat().type()
                && e.slot().equals(r.slot())
                && e.mode() == r.mode()
                && e.language().equals(r.language())
                && e.cursor() == r.cursor()
                && e.status() == r.status();
    }

    /** The columns an import sets, in the order {@link #bindRestored} binds them. */
    private static final String RESTORED =
            "chat_type, post_time, zone, mode, language, read_cursor, status, status_reason, changed_at";

    private static void bindRestored(PreparedStatement ps, Restored r, Instant now) throws SQLException {
        ps.setString(1, r.chat().type().name());
        ps.setString(2, r.slot().timeText());
        ps.setString(3, r.slot().zone().getId());
        ps.setString(4, r.mode().name());
        ps.setString(5, r.language());
        ps.setLong(6, r.cursor());
        ps.setString(7, r.status().name());
        ps.setString(8, r.status() == SubscriptionStatus.ACTIVE ? null : "imported");
        ps.setLong(9, now.toEpochMilli());
    }

    private static Optional<Subscription> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs, 1)) : Optional.empty();
        }
    }

    /** Reads the {@link #COLUMNS} starting at column {@code first}. */
    static Subscription read(ResultSet rs, int first) throws SQLException {
        int i = first;
        long id = rs.getLong(i++);
        Platform platform = Platform.valueOf(rs.getString(i++));
        String chatId = rs.getString(i++);
        ChatType type = ChatType.valueOf(rs.getString(i++));
        LocalTime time = LocalTime.parse(rs.getString(i++).trim());
        ZoneId zone = ZoneId.of(rs.getString(i++));
        Mode mode = Mode.valueOf(rs.getString(i++));
        String language = rs.getString(i++);
        long cursor = rs.getLong(i++);
        SubscriptionStatus status = SubscriptionStatus.valueOf(rs.getString(i++));
        Instant changedAt = Instant.ofEpochMilli(rs.getLong(i));
        return new Subscription(
                id,
                new ChatRef(platform, chatId, type),
                new Slot(time, zone),
                mode,
                language,
                cursor,
                status,
                changedAt);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
