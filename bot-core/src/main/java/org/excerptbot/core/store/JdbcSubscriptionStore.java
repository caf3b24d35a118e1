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
            + " s.read_cursor, s.status, s.changed_at, s.thread_id";

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
                    + " zone = ?, mode = ?, language = ?, status = ?, status_reason = NULL, changed_at = ?, thread_id = ?"
                    + " WHERE platform = ? AND chat_id = ?")) {
                ps.setString(1, chat.type().name());
                ps.setString(2, slot.timeText());
                ps.setString(3, slot.zone().getId());
                ps.setString(4, mode.name());
                ps.setString(5, language);
                ps.setString(6, SubscriptionStatus.ACTIVE.name());
                ps.setLong(7, now.toEpochMilli());
                ps.setString(8, chat.thread().orElse(null));
                ps.setString(9, chat.platform().name());
                ps.setString(10, chat.id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (platform, chat_id,"
                        + " chat_type, post_time, zone, mode, language, read_cursor, status, created_at, changed_at,"
                        + " thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
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
                    ps.setString(11, chat.thread().orElse(null));
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

    @Override
    public boolean restore(
            ChatRef chat, Slot slot, Mode mode, String language, long cursor, SubscriptionStatus status, Instant now) {
        java.util.Objects.requireNonNull(chat, "chat");
        java.util.Objects.requireNonNull(slot, "slot");
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(language, "language");
        java.util.Objects.requireNonNull(status, "status");
        if (cursor < 0) throw new IllegalArgumentException("cursor: must not be negative, was " + cursor);
        return jdbc.txRetryingUnique("restore subscription", c -> {
            Optional<Subscription> existing = find(c, chat);
            if (existing.isPresent()) {
                Subscription e = existing.get();
                if (e.chat().type() == chat.type()
                        && e.slot().equals(slot)
                        && e.mode() == mode
                        && e.language().equals(language)
                        && e.cursor() == cursor
                        && e.status() == status) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE subscription SET (" + RESTORED + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
                    bindRestored(ps, chat, slot, mode, language, cursor, status, now);
                    ps.setLong(10, e.id());
                    ps.executeUpdate();
                }
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (" + RESTORED
                    + ", platform, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindRestored(ps, chat, slot, mode, language, cursor, status, now);
                ps.setString(10, chat.platform().name());
                ps.setString(11, chat.id());
                ps.setLong(12, now.toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** The columns an import sets, in the order {@link #bindRestored} binds them. */
    private static final String RESTORED =
            "chat_type, post_time, zone, mode, language, read_cursor, status, status_reason, changed_at";

    private static void bindRestored(
            PreparedStatement ps,
            ChatRef chat,
            Slot slot,
            Mode mode,
            String language,
            long cursor,
            SubscriptionStatus status,
            Instant now)
            throws SQLException {
        ps.setString(1, chat.type().name());
        ps.setString(2, slot.timeText());
        ps.setString(3, slot.zone().getId());
        ps.setString(4, mode.name());
        ps.setString(5, language);
        ps.setLong(6, cursor);
        ps.setString(7, status.name());
        ps.setString(8, status == SubscriptionStatus.ACTIVE ? null : "imported");
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
        Instant changedAt = Instant.ofEpochMilli(rs.getLong(i++));
        Optional<String> thread = Optional.ofNullable(rs.getString(i));
        return new Subscription(
                id,
                new ChatRef(platform, chatId, type, thread),
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
