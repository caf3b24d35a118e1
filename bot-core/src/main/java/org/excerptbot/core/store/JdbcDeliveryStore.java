package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Backlog;
import org.excerptbot.core.delivery.Claim;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.DeliveryStore;
import org.excerptbot.core.delivery.FairClaimOrder;
import org.excerptbot.core.delivery.SentMark;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStatus;

/**
 * {@link DeliveryStore} over JDBC (H2 or PostgreSQL), table {@code delivery}. Queuing is an
 * {@code INSERT ... SELECT ... WHERE NOT EXISTS} guarded by the unique (subscription, local date) key, retried
 * when another instance wins the race, in batches of subscriptions. Claiming is {@code SELECT ... FOR UPDATE SKIP LOCKED} on PostgreSQL and
 * compare-and-set updates on H2 (batched, in one transaction), so concurrent claimers never take the same row.
 */
public final class JdbcDeliveryStore implements DeliveryStore {
    /** How many candidates an H2 claim reads per row it wants. */
    private static final int CANDIDATES_PER_CLAIM = 3;

    /** How many subscriptions one transaction of {@link #enqueue} covers (the first one: at most 64). */
    static final int ENQUEUE_BATCH = 500;

    private static final int FIRST_ENQUEUE_BATCH = 64;

    /** The subscription posts on the day whose {@link Days#bit} is bound: portable integer arithmetic on the mask. */
    private static final String ON_DAY = "MOD(s.days / ?, 2) = 1";

    /**
     * PostgreSQL: a large slot refreshes the queue's statistics after this many rows, then each time it has doubled.
     * With the statistics of a near-empty table the planner checks each batch's NOT EXISTS by reading the whole
     * queue (300,000 posts of one minute took minutes to queue); autovacuum may be off or a minute behind.
     */
    private static final int ANALYZE_AFTER = 5_000;

    private final Jdbc jdbc;
    private final Database.Kind kind;
    private final int enqueueBatch;

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
        if (enqueueBatch < 1)
            throw new IllegalArgumentException("enqueueBatch: must be at least 1, was " + enqueueBatch);
        this.jdbc = new Jdbc(dataSource);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.enqueueBatch = enqueueBatch;
    }

    @Override
    public int enqueue(Slot slot, LocalDate date, Instant dueAt) {
        return enqueue(slot, date, dueAt, added -> {});
    }

    /**
     * Lists the slot's subscriptions and queues them {@link #ENQUEUE_BATCH} at a time, one transaction each. The
     * first, small batch is listed and queued on its own, so that the senders start on it while the rest of the slot
     * is listed. A batch names its ids ({@code s.id IN (...)}), so that it reads them by primary key: with an id range
     * the database reads the whole slot through its index for every batch.
     */
    @Override
    public int enqueue(Slot slot, LocalDate date, Instant dueAt, IntConsumer batchQueued) {
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
     * The ids of the slot's active subscriptions that post on {@code date}'s day of the week, after
     * {@code afterId}, in order, at most {@code limit}.
     */
    private List<Long> slotIds(Slot slot, LocalDate date, Instant dueAt, long afterId, int limit) {
        return jdbc.tx("list the subscriptions of " + slot, c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id FROM subscription s WHERE s.status = ?"
                    + " AND s.post_time = ? AND s.zone = ? AND s.changed_at <= ? AND " + ON_DAY
                    + " AND s.id > ? ORDER BY s.id" + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit))) {
                ps.setString(1, SubscriptionStatus.ACTIVE.name());
                ps.setString(2, slot.timeText());
                ps.setString(3, slot.zone().getId());
                ps.setLong(4, dueAt.toEpochMilli());
                ps.setInt(5, Days.bit(date.getDayOfWeek()));
                ps.setLong(6, afterId);
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
        int added = jdbc.txRetryingUnique(
                "queue posts of " + slot + " on " + date, c -> insertBatch(c, slot, date, dueAt, batch));
        if (added > 0) batchQueued.accept(added);
        return added;
    }

    /** Queues the posts of those of the subscriptions that are (still) due in the slot and have none yet. */
    private static int insertBatch(Connection c, Slot slot, LocalDate date, Instant dueAt, List<Long> ids)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (subscription_id, local_date,"
                + " platform, status, due_at, not_before, attempts)"
                + " SELECT s.id, ?, s.platform, ?, ?, ?, 0 FROM subscription s"
                + " WHERE s.status = ? AND s.post_time = ? AND s.zone = ? AND s.changed_at <= ? AND " + ON_DAY
                + " AND s.id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")"
                + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.subscription_id = s.id"
                + " AND d.local_date = ?)")) {
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

    @Override
    public List<Claim> claim(Platform platform, String owner, int limit, Instant now, Instant recentSince) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(recentSince, "recentSince");
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
        Due due = new Due(platform, now, recentSince);
        return jdbc.tx("claim posts", c -> {
            List<Long> ids =
                    kind == Database.Kind.POSTGRESQL ? lockDue(c, due, owner, limit) : casDue(c, due, owner, limit);
            if (ids.isEmpty()) return List.of();
            String in = String.join(",", Collections.nCopies(ids.size(), "?"));
            List<Claim> claims = new ArrayList<>(ids.size());
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.local_date, d.due_at, d.attempts, "
                    + JdbcSubscriptionStore.COLUMNS
                    + " FROM delivery d JOIN subscription s ON s.id = d.subscription_id"
                    + " WHERE d.status = ? AND d.claimed_by = ? AND d.id IN (" + in + ")")) {
                ps.setString(1, DeliveryStatus.CLAIMED.name());
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
            // in the claim order, which the senders follow
            Map<Long, Integer> order = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) order.put(ids.get(i), i);
            claims.sort(java.util.Comparator.comparing(claim -> order.get(claim.deliveryId())));
            return claims;
        });
    }

    /** Which rows a claim may take: a platform's pending rows that may go at {@code now}. */
    private record Due(Platform platform, Instant now, Instant recentSince) {
        boolean anyRecent() {
            return !recentSince.isAfter(now);
        }
    }

    /**
     * PostgreSQL: {@code FOR UPDATE SKIP LOCKED} locks only the rows the LIMIT returns, and skips rows other
     * claimers hold, so concurrent claimers take disjoint rows without waiting; one batched update takes them.
     */
    private static List<Long> lockDue(Connection c, Due due, String owner, int limit) throws SQLException {
        List<Long> ids = candidates(c, due, limit, limit, " FOR UPDATE SKIP LOCKED");
        List<Long> taken = takeIfPending(c, ids, owner, due.now());
        if (taken.size() != ids.size()) throw new SQLException("rows changed under their FOR UPDATE lock: " + ids);
        return taken;
    }

    /**
     * H2: its {@code FOR UPDATE} locks every row the WHERE matches before ORDER BY and LIMIT apply, which would
     * make one claimer hold the whole queue. Instead, read candidates without locks and take them with
     * compare-and-set updates ({@code ... WHERE id = ? AND status = 'PENDING'}), batched in one transaction; H2
     * re-checks the condition on the latest row once it holds the row lock, so of two claimers of one row exactly
     * one updates it. A transaction locks rows in ascending id order, so two claimers never wait for each other in a
     * cycle.
     */
    private static List<Long> casDue(Connection c, Due due, String owner, int limit) throws SQLException {
        // candidates in the claim order; a row another claimer took first is skipped for the next candidate
        List<Long> candidates = candidates(c, due, limit, limit * CANDIDATES_PER_CLAIM, "");
        List<Long> ids = new ArrayList<>();
        int next = 0;
        while (ids.size() < limit && next < candidates.size()) {
            int end = Math.min(candidates.size(), next + limit - ids.size());
            List<Long> tries = candidates.subList(next, end);
            next = end;
            List<Long> ascending = new ArrayList<>(tries);
            Collections.sort(ascending);
            java.util.Set<Long> taken = new java.util.HashSet<>(takeIfPending(c, ascending, owner, due.now()));
            for (long id : tries) {
                if (taken.contains(id)) ids.add(id);
            }
            // each round in its own transaction: locks are only ever taken in ascending order
            c.commit();
        }
        return ids;
    }

    /**
     * Up to {@code limit} due rows in the {@link FairClaimOrder}: the oldest and the recent ones, alternately. When
     * no more than {@code take} rows are due the claim takes them all, and they are read oldest first.
     */
    private static List<Long> candidates(Connection c, Due due, int take, int limit, String lock) throws SQLException {
        List<Long> oldest = dueIds(c, due, limit, false, lock);
        if (!due.anyRecent() || (oldest.size() < limit && oldest.size() <= take)) return oldest;
        return FairClaimOrder.interleave(oldest, dueIds(c, due, limit, true, lock), limit);
    }

    /**
     * The ids of pending rows of a platform that may go at {@code now}, oldest first: by {@code not_before} over
     * the claim index, or, for the recent ones, by due time over the recent index from {@code recentSince} on. The
     * ORDER BY spells out the index's columns so that H2 reads the index in order and stops at the LIMIT (no sort).
     */
    private static List<Long> dueIds(Connection c, Due due, int limit, boolean recent, String lock)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM delivery WHERE status = ? AND platform = ?"
                + " AND not_before <= ?"
                + (recent
                        ? " AND due_at >= ? ORDER BY status, platform, due_at, not_before, id"
                        : " ORDER BY status, platform, not_before, id")
                + " LIMIT ?" + lock)) {
            int i = 0;
            ps.setString(++i, DeliveryStatus.PENDING.name());
            ps.setString(++i, due.platform().name());
            ps.setLong(++i, due.now().toEpochMilli());
            if (recent) ps.setLong(++i, due.recentSince().toEpochMilli());
            ps.setInt(++i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Takes those of the rows that are still pending (one batched update); returns the ids taken. */
    private static List<Long> takeIfPending(Connection c, List<Long> ids, String owner, Instant now)
            throws SQLException {
        if (ids.isEmpty()) return List.of();
        List<Long> taken = new ArrayList<>(ids.size());
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE delivery SET status = ?, claimed_by = ?," + " claimed_at = ? WHERE id = ? AND status = ?")) {
            for (long id : ids) {
                ps.setString(1, DeliveryStatus.CLAIMED.name());
                ps.setString(2, JdbcSubscriptionStore.truncate(owner, 120));
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, id);
                ps.setString(5, DeliveryStatus.PENDING.name());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < ids.size(); i++) {
                if (counts[i] > 0) taken.add(ids.get(i));
            }
        }
        return taken;
    }

    @Override
    public boolean startSending(long deliveryId, String owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        return jdbc.tx("start sending a post", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, claimed_at = ?"
                    + " WHERE id = ? AND status = ? AND claimed_by = ?")) {
                ps.setString(1, DeliveryStatus.SENDING.name());
                ps.setLong(2, now.toEpochMilli());
                ps.setLong(3, deliveryId);
                ps.setString(4, DeliveryStatus.CLAIMED.name());
                ps.setString(5, JdbcSubscriptionStore.truncate(owner, 120));
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int releaseExpiredClaims(Instant claimedBefore) {
        return jdbc.tx("release expired claims", c -> {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT claimed_by) FROM delivery"
                    + " WHERE status IN (?, ?) AND platform = ? AND claimed_at >= ? AND claimed_by <> ?")) {
                ps.setString(1, DeliveryStatus.CLAIMED.name());
                ps.setString(2, DeliveryStatus.SENDING.name());
                ps.setString(3, platform.name());
                ps.setLong(4, since.toEpochMilli());
                ps.setString(5, JdbcSubscriptionStore.truncate(owner, 120));
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
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, message_id = ?, item = ?,"
                    + " finished_at = ? WHERE id = ? AND status = ?")) {
                for (SentMark m : marks) {
                    ps.setString(1, DeliveryStatus.SENT.name());
                    ps.setString(2, JdbcSubscriptionStore.truncate(m.messageId(), 64));
                    if (m.item().isPresent()) {
                        ps.setLong(3, m.item().getAsLong());
                    } else {
                        ps.setNull(3, java.sql.Types.BIGINT);
                    }
                    ps.setLong(4, m.at().toEpochMilli());
                    ps.setLong(5, m.deliveryId());
                    ps.setString(6, DeliveryStatus.SENDING.name());
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
