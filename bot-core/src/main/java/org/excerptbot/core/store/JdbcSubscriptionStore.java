package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;

/**
 * {@link SubscriptionStore} over JDBC (H2 or PostgreSQL), table {@code subscription}, unique per platform, chat id
 * and local posting time.
 */
public final class JdbcSubscriptionStore implements SubscriptionStore {
    static final String COLUMNS = "s.id, s.platform, s.chat_id, s.chat_type, s.post_time, s.zone, s.mode, s.days,"
            + " s.post_format, s.language, s.read_cursor, s.status, s.changed_at, s.thread_id";

    private static final String BY_TIME =
            "SELECT " + COLUMNS + " FROM subscription s WHERE s.platform = ? AND s.chat_id = ? AND s.post_time = ?";

    private final Jdbc jdbc;
    private final SubscriptionImports imports;

    public JdbcSubscriptionStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.imports = new SubscriptionImports(jdbc);
    }

    @Override
    public Subscription save(ChatRef chat, Schedule schedule, String language, Instant now) {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(language, "language");
        return jdbc.txRetryingUnique("save subscription", c -> upsert(c, chat, schedule, language, now));
    }

    /**
     * Locks the chat's rows ({@code SELECT ... FOR UPDATE}, in id order) before counting its active schedules, so
     * that a concurrent add to the same chat waits for this transaction and then counts its row. Two adds can race
     * past the cap only when the chat has at least {@code maxActive - 1} active rows, all of which both lock.
     */
    @Override
    public Optional<Subscription> saveWithin(
            ChatRef chat, Schedule schedule, String language, Instant now, int maxActive) {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(language, "language");
        if (maxActive < 2) throw new IllegalArgumentException("maxActive: must be at least 2, was " + maxActive);
        return jdbc.txRetryingUnique("save subscription", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM subscription WHERE platform = ?" + " AND chat_id = ? ORDER BY id FOR UPDATE")) {
                ps.setString(1, chat.platform().name());
                ps.setString(2, chat.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // locking is the point
                    }
                }
            }
            LocalTime time = schedule.slot().time();
            List<Subscription> active =
                    forChat(c, chat).stream().filter(Subscription::active).toList();
            boolean adds = active.stream().noneMatch(s -> s.slot().time().equals(time));
            if (adds && active.size() >= maxActive) return Optional.<Subscription>empty();
            return Optional.of(upsert(c, chat, schedule, language, now));
        });
    }

    /** Changes the chat's schedule at the schedule's time, or inserts it; returns it as saved. */
    private static Subscription upsert(Connection c, ChatRef chat, Schedule schedule, String language, Instant now)
            throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET chat_type = ?, zone = ?, mode = ?,"
                + " days = ?, post_format = ?, language = ?, status = ?, status_reason = NULL, changed_at = ?,"
                + " thread_id = ? WHERE platform = ? AND chat_id = ? AND post_time = ?")) {
            ps.setString(1, chat.type().name());
            ps.setString(2, schedule.slot().zone().getId());
            ps.setString(3, schedule.mode().name());
            ps.setInt(4, schedule.days().mask());
            ps.setString(5, schedule.format().name());
            ps.setString(6, language);
            ps.setString(7, SubscriptionStatus.ACTIVE.name());
            ps.setLong(8, now.toEpochMilli());
            ps.setString(9, chat.thread().orElse(null));
            ps.setString(10, chat.platform().name());
            ps.setString(11, chat.id());
            ps.setString(12, schedule.slot().timeText());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (platform, chat_id,"
                    + " chat_type, post_time, zone, mode, days, post_format, language, read_cursor, status,"
                    + " created_at, changed_at, thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
                ps.setString(1, chat.platform().name());
                ps.setString(2, chat.id());
                ps.setString(3, chat.type().name());
                ps.setString(4, schedule.slot().timeText());
                ps.setString(5, schedule.slot().zone().getId());
                ps.setString(6, schedule.mode().name());
                ps.setInt(7, schedule.days().mask());
                ps.setString(8, schedule.format().name());
                ps.setString(9, language);
                ps.setString(10, SubscriptionStatus.ACTIVE.name());
                ps.setLong(11, now.toEpochMilli());
                ps.setLong(12, now.toEpochMilli());
                ps.setString(13, chat.thread().orElse(null));
                ps.executeUpdate();
            }
        }
        return atTime(c, chat, schedule.slot().time()).orElseThrow();
    }

    @Override
    public List<Subscription> forChat(ChatRef chat) {
        Objects.requireNonNull(chat, "chat");
        return jdbc.tx("find subscriptions", c -> forChat(c, chat));
    }

    private static List<Subscription> forChat(Connection c, ChatRef chat) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM subscription s WHERE s.platform = ? AND s.chat_id = ? ORDER BY s.post_time, s.id")) {
            ps.setString(1, chat.platform().name());
            ps.setString(2, chat.id());
            return list(ps);
        }
    }

    private static Optional<Subscription> atTime(Connection c, ChatRef chat, LocalTime time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_TIME)) {
            ps.setString(1, chat.platform().name());
            ps.setString(2, chat.id());
            ps.setString(3, hhmm(time));
            List<Subscription> found = list(ps);
            return found.stream().findFirst();
        }
    }

    @Override
    public Optional<Subscription> byId(long id) {
        return jdbc.tx("find subscription", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM subscription s WHERE s.id = ?")) {
                ps.setLong(1, id);
                return list(ps).stream().findFirst();
            }
        });
    }

    @Override
    public boolean advance(long id, long from) {
        return ReadingCursor.advance(jdbc, id, from);
    }

    @Override
    public boolean unsubscribe(ChatRef chat, Instant now) {
        return setStatus(chat, Optional.empty(), SubscriptionStatus.UNSUBSCRIBED, null, now);
    }

    @Override
    public boolean unsubscribe(ChatRef chat, LocalTime time, Instant now) {
        Objects.requireNonNull(time, "time");
        return setStatus(chat, Optional.of(time), SubscriptionStatus.UNSUBSCRIBED, null, now);
    }

    @Override
    public boolean disable(ChatRef chat, String reason, Instant now) {
        return setStatus(chat, Optional.empty(), SubscriptionStatus.FORBIDDEN, reason, now);
    }

    private boolean setStatus(
            ChatRef chat, Optional<LocalTime> time, SubscriptionStatus status, String reason, Instant now) {
        return jdbc.tx("change subscription status", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET status = ?, status_reason = ?,"
                    + " changed_at = ? WHERE platform = ? AND chat_id = ? AND status = ?"
                    + (time.isPresent() ? " AND post_time = ?" : ""))) {
                ps.setString(1, status.name());
                ps.setString(2, truncate(reason, 255));
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, chat.platform().name());
                ps.setString(5, chat.id());
                ps.setString(6, SubscriptionStatus.ACTIVE.name());
                if (time.isPresent()) ps.setString(7, hhmm(time.get()));
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean migrate(ChatRef chat, String newChatId, Instant now) {
        if (newChatId == null || newChatId.isBlank()) {
            throw new IllegalArgumentException("newChatId: must not be blank");
        }
        if (newChatId.equals(chat.id())) return !forChat(chat).isEmpty();
        return jdbc.txRetryingUnique("migrate subscription", c -> {
            List<Subscription> old = forChat(c, chat);
            if (old.isEmpty()) return false;
            ChatRef target = chat.withId(newChatId);
            for (Subscription s : old) {
                if (atTime(c, target, s.slot().time()).isPresent()) {
                    try (PreparedStatement ps =
                            c.prepareStatement("UPDATE subscription SET status = ?, status_reason = ? WHERE id = ?")) {
                        ps.setString(1, SubscriptionStatus.MIGRATED.name());
                        ps.setString(2, truncate("moved to " + newChatId, 255));
                        ps.setLong(3, s.id());
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps =
                            c.prepareStatement("UPDATE subscription SET chat_id = ? WHERE id = ?")) {
                        ps.setString(1, newChatId);
                        ps.setLong(2, s.id());
                        ps.executeUpdate();
                    }
                }
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
    public List<Subscription> all() {
        return jdbc.tx("list subscriptions", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM subscription s ORDER BY s.id")) {
                return list(ps);
            }
        });
    }

    /** How many schedules one transaction of {@link #restoreAll} covers. */
    static final int RESTORE_BATCH = SubscriptionImports.RESTORE_BATCH;

    @Override
    public int restoreAll(Iterator<Restored> subscriptions, Instant now) {
        return imports.restoreAll(subscriptions, now);
    }

    private static List<Subscription> list(PreparedStatement ps) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(read(rs, 1));
        }
        return out;
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
        Days days = new Days(rs.getInt(i++));
        Format format = Format.valueOf(rs.getString(i++).trim());
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
                days,
                format,
                language,
                cursor,
                status,
                changedAt);
    }

    /** A local time as the {@code post_time} column holds it. */
    private static String hhmm(LocalTime time) {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
