package org.excerptbot.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Claim;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStatus;

/**
 * {@link DeliveryStore} over JDBC (H2 or PostgreSQL), table {@code delivery}. Queuing is an
 * {@code INSERT ... SELECT ... WHERE NOT EXISTS} guarded by the unique (subscription, local date) key, retried
 * when another instance wins the race; claiming is {@code SELECT ... FOR UPDATE SKIP LOCKED} (both databases
 * support it), so concurrent senders never take the same row.
 */
public final class JdbcDeliveryStore implements DeliveryStore {
    private final Jdbc jdbc;

    public JdbcDeliveryStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public int enqueue(Slot slot, LocalDate date, Instant dueAt) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(dueAt, "dueAt");
        return jdbc.txRetryingUnique("queue posts of " + slot + " on " + date, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (subscription_id, local_date,"
                    + " platform, status, due_at, not_before, attempts)"
                    + " SELECT s.id, ?, s.platform, ?, ?, ?, 0 FROM subscription s"
                    + " WHERE s.status = ? AND s.post_time = ? AND s.zone = ? AND s.changed_at <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.subscription_id = s.id"
                    + " AND d.local_date = ?)")) {
                ps.setObject(1, date);
                ps.setString(2, DeliveryStatus.PENDING.name());
                ps.setLong(3, dueAt.toEpochMilli());
                ps.setLong(4, dueAt.toEpochMilli());
                ps.setString(5, SubscriptionStatus.ACTIVE.name());
                ps.setString(6, slot.timeText());
                ps.setString(7, slot.zone().getId());
                ps.setLong(8, dueAt.toEpochMilli());
                ps.setObject(9, date);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Claim> claim(Platform platform, String owner, int limit, Instant now) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
        return jdbc.tx("claim posts", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM delivery WHERE status = ? AND platform = ?"
                    + " AND not_before <= ? ORDER BY not_before, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, DeliveryStatus.PENDING.name());
                ps.setString(2, platform.name());
                ps.setLong(3, now.toEpochMilli());
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            if (ids.isEmpty()) return List.of();
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, claimed_by = ?,"
                    + " claimed_at = ? WHERE id = ? AND status = ?")) {
                for (long id : ids) {
                    ps.setString(1, DeliveryStatus.SENDING.name());
                    ps.setString(2, JdbcSubscriptionStore.truncate(owner, 120));
                    ps.setLong(3, now.toEpochMilli());
                    ps.setLong(4, id);
                    ps.setString(5, DeliveryStatus.PENDING.name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String in = String.join(",", Collections.nCopies(ids.size(), "?"));
            List<Claim> claims = new ArrayList<>(ids.size());
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.local_date, d.due_at, d.attempts, "
                    + JdbcSubscriptionStore.COLUMNS
                    + " FROM delivery d JOIN subscription s ON s.id = d.subscription_id"
                    + " WHERE d.status = ? AND d.claimed_by = ? AND d.id IN (" + in + ")"
                    + " ORDER BY d.not_before, d.id")) {
                ps.setString(1, DeliveryStatus.SENDING.name());
                ps.setString(2, JdbcSubscriptionStore.truncate(owner, 120));
                for (int i = 0; i < ids.size(); i++) ps.setLong(3 + i, ids.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new Claim(
                                rs.getLong(1),
                                JdbcSubscriptionStore.read(rs, 5),
                                rs.getObject(2, LocalDate.class),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getInt(4)));
                    }
                }
            }
            return claims;
        });
    }

    @Override
    public void markSent(long deliveryId, String messageId, OptionalLong item, Instant now) {
        Objects.requireNonNull(item, "item");
        jdbc.tx("record a sent post", c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, message_id = ?, item = ?,"
                    + " finished_at = ?, detail = NULL WHERE id = ? AND status = ?")) {
                ps.setString(1, DeliveryStatus.SENT.name());
                ps.setString(2, JdbcSubscriptionStore.truncate(messageId, 64));
                if (item.isPresent()) {
                    ps.setLong(3, item.getAsLong());
                } else {
                    ps.setNull(3, java.sql.Types.BIGINT);
                }
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, deliveryId);
                ps.setString(6, DeliveryStatus.SENDING.name());
                updated = ps.executeUpdate();
            }
            if (updated > 0 && item.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET read_cursor = ?"
                        + " WHERE id = (SELECT subscription_id FROM delivery WHERE id = ?) AND read_cursor = ?")) {
                    ps.setLong(1, item.getAsLong() + 1);
                    ps.setLong(2, deliveryId);
                    ps.setLong(3, item.getAsLong());
                    ps.executeUpdate();
                }
            }
            return updated;
        });
    }

    @Override
    public void retryLater(long deliveryId, Instant notBefore, boolean countAttempt, String detail) {
        Objects.requireNonNull(notBefore, "notBefore");
        jdbc.tx("requeue a post", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, not_before = ?,"
                    + " attempts = attempts + ?, detail = ?, claimed_by = NULL WHERE id = ? AND status = ?")) {
                ps.setString(1, DeliveryStatus.PENDING.name());
                ps.setLong(2, notBefore.toEpochMilli());
                ps.setInt(3, countAttempt ? 1 : 0);
                ps.setString(4, JdbcSubscriptionStore.truncate(detail, 500));
                ps.setLong(5, deliveryId);
                ps.setString(6, DeliveryStatus.SENDING.name());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void finish(long deliveryId, DeliveryStatus status, String detail, Instant now) {
        if (status != DeliveryStatus.FAILED && status != DeliveryStatus.SKIPPED) {
            throw new IllegalArgumentException("status: must be FAILED or SKIPPED, was " + status);
        }
        jdbc.tx("finish a post", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE delivery SET status = ?, detail = ?," + " finished_at = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, JdbcSubscriptionStore.truncate(detail, 500));
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, deliveryId);
                ps.setString(5, DeliveryStatus.SENDING.name());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int abandonStale(Instant claimedBefore, Instant now) {
        return jdbc.tx("abandon stale posts", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, finished_at = ?,"
                    + " detail = ? WHERE status = ? AND claimed_at < ?")) {
                ps.setString(1, DeliveryStatus.ABANDONED.name());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, "left sending by a stopped sender; not sent again (at most once)");
                ps.setString(4, DeliveryStatus.SENDING.name());
                ps.setLong(5, claimedBefore.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Instant> nextPending(Platform platform) {
        return jdbc.tx("look at the queue", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT MIN(not_before) FROM delivery WHERE status = ? AND platform = ?")) {
                ps.setString(1, DeliveryStatus.PENDING.name());
                ps.setString(2, platform.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long min = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(min));
                }
            }
        });
    }

    @Override
    public Map<DeliveryStatus, Integer> countByStatus() {
        return jdbc.tx("count posts", c -> {
            Map<DeliveryStatus, Integer> counts = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus s : DeliveryStatus.values()) counts.put(s, 0);
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM delivery GROUP BY status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getInt(2));
            }
            return counts;
        });
    }

    @Override
    public List<Delivery> forSubscription(long subscriptionId) {
        return jdbc.tx("list posts", c -> {
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, subscription_id, local_date, status, attempts,"
                    + " item, message_id, detail FROM delivery WHERE subscription_id = ? ORDER BY local_date, id")) {
                ps.setLong(1, subscriptionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(readDelivery(rs));
                }
            }
            return out;
        });
    }

    private static Delivery readDelivery(ResultSet rs) throws SQLException {
        long item = rs.getLong(6);
        OptionalLong optItem = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(item);
        return new Delivery(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, LocalDate.class),
                DeliveryStatus.valueOf(rs.getString(4)),
                rs.getInt(5),
                optItem,
                rs.getString(7),
                rs.getString(8));
    }
}
