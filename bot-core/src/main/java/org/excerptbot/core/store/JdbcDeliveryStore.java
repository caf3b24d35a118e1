package org.excerptbot.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Backlog;
import org.excerptbot.core.delivery.Claim;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.delivery.SentMark;
import org.excerptbot.core.subscription.Slot;

/**
 * {@link DeliveryStore} over JDBC (H2 or PostgreSQL), table {@code delivery}: the posts' state from sending to
 * sent, failed or released, and their history. Queuing a slot is {@link SlotQueueing}'s, claiming due posts
 * {@link DeliveryClaims}', which also notes the engines that claim in {@code delivery_claimer}.
 */
public final class JdbcDeliveryStore implements DeliveryStore {
    /** How many subscriptions one transaction of {@link #enqueue} covers (the first one: at most 64). */
    static final int ENQUEUE_BATCH = SlotQueueing.ENQUEUE_BATCH;

    private final Jdbc jdbc;
    private final SlotQueueing queueing;
    private final DeliveryClaims claims;

    public JdbcDeliveryStore(Database database) {
        this(database.dataSource(), database.kind());
    }

    /**
     * @param dataSource the database's pool (it may still be opening: nothing is read until the first call)
     * @param kind its SQL dialect, which decides how rows are claimed
     */
    public JdbcDeliveryStore(DataSource dataSource, Database.Kind kind) {
        this(dataSource, kind, ENQUEUE_BATCH);
    }

    /** With {@code enqueueBatch} subscriptions per transaction when queuing a slot (tests use small ones). */
    JdbcDeliveryStore(DataSource dataSource, Database.Kind kind, int enqueueBatch) {
        Objects.requireNonNull(kind, "kind");
        this.jdbc = new Jdbc(dataSource);
        this.queueing = new SlotQueueing(jdbc, kind, enqueueBatch);
        this.claims = new DeliveryClaims(jdbc, kind);
    }

    @Override
    public int enqueue(Slot slot, LocalDate date, Instant dueAt) {
        return enqueue(slot, date, dueAt, added -> {});
    }

    @Override
    public int enqueue(Slot slot, LocalDate date, Instant dueAt, IntConsumer batchQueued) {
        return queueing.enqueue(slot, date, dueAt, batchQueued);
    }

    @Override
    public List<Claim> claim(Platform platform, String owner, int limit, Instant now, Instant recentSince) {
        return claims.claim(platform, owner, limit, now, recentSince);
    }

    @Override
    public Set<Long> startSending(List<Long> deliveryIds, String owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        if (deliveryIds.isEmpty()) return Set.of();
        return jdbc.tx("start sending posts", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, claimed_at = ?"
                    + " WHERE id = ? AND status = ? AND claimed_by = ?")) {
                for (long id : deliveryIds) {
                    ps.setString(1, DeliveryStatus.SENDING.name());
                    ps.setLong(2, now.toEpochMilli());
                    ps.setLong(3, id);
                    ps.setString(4, DeliveryStatus.CLAIMED.name());
                    ps.setString(5, JdbcSubscriptionStore.truncate(owner, 120));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                Set<Long> started = new HashSet<>();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) started.add(deliveryIds.get(i));
                }
                return started;
            }
        });
    }

    @Override
    public int releaseExpiredClaims(Instant claimedBefore) {
        return jdbc.tx("release expired claims", c -> {
            // engines that took nothing since are no longer sending
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_claimer WHERE claimed_at < ?")) {
                ps.setLong(1, claimedBefore.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, claimed_by = NULL,"
                    + " claimed_at = NULL WHERE status = ? AND claimed_at < ?")) {
                ps.setString(1, DeliveryStatus.PENDING.name());
                ps.setString(2, DeliveryStatus.CLAIMED.name());
                ps.setLong(3, claimedBefore.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int unclaim(List<Long> deliveryIds, String owner) {
        Objects.requireNonNull(owner, "owner");
        if (deliveryIds.isEmpty()) return 0;
        return jdbc.tx("put claimed posts back", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, claimed_by = NULL,"
                    + " claimed_at = NULL WHERE id = ? AND status = ? AND claimed_by = ?")) {
                for (long id : deliveryIds) {
                    ps.setString(1, DeliveryStatus.PENDING.name());
                    ps.setLong(2, id);
                    ps.setString(3, DeliveryStatus.CLAIMED.name());
                    ps.setString(4, JdbcSubscriptionStore.truncate(owner, 120));
                    ps.addBatch();
                }
                return Arrays.stream(ps.executeBatch()).sum();
            }
        });
    }

    @Override
    public int otherActiveClaimers(Platform platform, String owner, Instant since) {
        return jdbc.tx("count the instances sending", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery_claimer"
                    + " WHERE platform = ? AND claimed_at >= ? AND owner <> ?")) {
                ps.setString(1, platform.name());
                ps.setLong(2, since.toEpochMilli());
                ps.setString(3, JdbcSubscriptionStore.truncate(owner, 120));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public int markSent(List<SentMark> marks) {
        if (marks.isEmpty()) return 0;
        return jdbc.tx("record sent posts", c -> {
            int[] updated;
            // a detail given replaces the row's (a post not published to followers); none keeps it (a 429 waited out)
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, message_id = ?, item = ?,"
                    + " finished_at = ?, detail = COALESCE(?, detail) WHERE id = ? AND status = ?")) {
                for (SentMark m : marks) {
                    ps.setString(1, DeliveryStatus.SENT.name());
                    ps.setString(2, JdbcSubscriptionStore.truncate(m.messageId(), 64));
                    if (m.item().isPresent()) {
                        ps.setLong(3, m.item().getAsLong());
                    } else {
                        ps.setNull(3, java.sql.Types.BIGINT);
                    }
                    ps.setLong(4, m.at().toEpochMilli());
                    if (m.detail().isPresent()) {
                        ps.setString(
                                5, JdbcSubscriptionStore.truncate(m.detail().get(), 500));
                    } else {
                        ps.setNull(5, java.sql.Types.VARCHAR);
                    }
                    ps.setLong(6, m.deliveryId());
                    ps.setString(7, DeliveryStatus.SENDING.name());
                    ps.addBatch();
                }
                updated = ps.executeBatch();
            }
            boolean cursors = false;
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET read_cursor = ?"
                    + " WHERE id = (SELECT subscription_id FROM delivery WHERE id = ?) AND read_cursor = ?")) {
                for (int i = 0; i < marks.size(); i++) {
                    OptionalLong item = marks.get(i).item();
                    if (updated[i] == 0 || item.isEmpty()) continue;
                    ps.setLong(1, item.getAsLong() + 1);
                    ps.setLong(2, marks.get(i).deliveryId());
                    ps.setLong(3, item.getAsLong());
                    ps.addBatch();
                    cursors = true;
                }
                if (cursors) ps.executeBatch();
            }
            return Arrays.stream(updated).map(n -> Math.max(0, n)).sum();
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
    public Backlog backlog(Platform platform, Instant now) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(now, "now");
        return jdbc.tx("measure the backlog", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(due_at) FROM delivery"
                    + " WHERE status = ? AND platform = ? AND not_before <= ?")) {
                ps.setString(1, DeliveryStatus.PENDING.name());
                ps.setString(2, platform.name());
                ps.setLong(3, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long waiting = rs.getLong(1);
                    long oldest = rs.getLong(2);
                    return waiting == 0
                            ? Backlog.EMPTY
                            : new Backlog(waiting, Optional.of(Instant.ofEpochMilli(oldest)));
                }
            }
        });
    }

    @Override
    public int queueDepth() {
        return jdbc.tx("count the posts waiting", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE status IN (?, ?)")) {
                ps.setString(1, DeliveryStatus.PENDING.name());
                ps.setString(2, DeliveryStatus.CLAIMED.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
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
            try (PreparedStatement ps = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM delivery WHERE subscription_id = ? ORDER BY local_date, id")) {
                ps.setLong(1, subscriptionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(readDelivery(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Delivery> latest(long subscriptionId) {
        return jdbc.tx("find the last post", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM delivery WHERE subscription_id = ? ORDER BY local_date DESC, id DESC LIMIT 1")) {
                ps.setLong(1, subscriptionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readDelivery(rs)) : Optional.<Delivery>empty();
                }
            }
        });
    }

    private static final String DELIVERY_COLUMNS =
            "id, subscription_id, local_date, status, attempts, item, message_id, detail, due_at, finished_at";

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
                rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)),
                finishedAt(rs, 10));
    }

    private static Optional<Instant> finishedAt(ResultSet rs, int column) throws SQLException {
        long at = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
    }
}
