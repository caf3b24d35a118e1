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
import java.util.Map;
import java.util.Objects;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Claim;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.FairClaimOrder;

/**
 * Claims due posts for {@link JdbcDeliveryStore}, in the {@link FairClaimOrder}: {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} on PostgreSQL, compare-and-set updates on H2 (batched, in one transaction), so that concurrent claimers
 * never take the same row.
 */
final class DeliveryClaims {
    /** How many candidates an H2 claim reads per row it wants. */
    private static final int CANDIDATES_PER_CLAIM = 3;

    private final Jdbc jdbc;
    private final Database.Kind kind;

    DeliveryClaims(Jdbc jdbc, Database.Kind kind) {
        this.jdbc = jdbc;
        this.kind = kind;
    }

    List<Claim> claim(Platform platform, String owner, int limit, Instant now, Instant recentSince) {
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
            checkIn(c, platform, owner, now);
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

    /** Notes that {@code owner} took posts of the platform at {@code now}: it is one of the instances sending. */
    private void checkIn(Connection c, Platform platform, String owner, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                kind == Database.Kind.POSTGRESQL
                        ? "INSERT INTO delivery_claimer (platform, owner, claimed_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (platform, owner) DO UPDATE SET claimed_at = EXCLUDED.claimed_at"
                        : "MERGE INTO delivery_claimer (platform, owner, claimed_at) KEY (platform, owner)"
                                + " VALUES (?, ?, ?)")) {
            ps.setString(1, platform.name());
            ps.setString(2, JdbcSubscriptionStore.truncate(owner, 120));
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
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
}
