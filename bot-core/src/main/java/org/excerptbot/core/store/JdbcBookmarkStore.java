package org.excerptbot.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.excerptbot.core.bookmark.Bookmark;
import org.excerptbot.core.bookmark.BookmarkStore;
import org.excerptbot.core.bookmark.Reader;
import org.excerptbot.core.command.Platform;

/** {@link BookmarkStore} over JDBC (H2 or PostgreSQL), table {@code bookmark}. */
public final class JdbcBookmarkStore implements BookmarkStore {
    private final Jdbc jdbc;

    public JdbcBookmarkStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean add(Reader reader, String passage, Instant now) {
        Bookmark bookmark = new Bookmark(reader, passage, Objects.requireNonNull(now, "now"));
        return jdbc.txRetryingUnique("save bookmark", c -> !exists(c, reader, passage) && insert(c, bookmark));
    }

    @Override
    public boolean remove(Reader reader, String passage) {
        Objects.requireNonNull(reader, "reader");
        return jdbc.tx("remove bookmark", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM bookmark WHERE platform = ? AND user_id = ? AND passage = ?")) {
                ps.setString(1, reader.platform().name());
                ps.setString(2, reader.userId());
                ps.setString(3, passage);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Bookmark> list(Reader reader, int offset, int limit) {
        Objects.requireNonNull(reader, "reader");
        if (offset < 0) throw new IllegalArgumentException("offset: must not be negative, was " + offset);
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
        return jdbc.tx("list bookmarks", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT platform, user_id, passage, saved_at FROM bookmark"
                    + " WHERE platform = ? AND user_id = ? ORDER BY saved_at DESC, passage LIMIT ? OFFSET ?")) {
                ps.setString(1, reader.platform().name());
                ps.setString(2, reader.userId());
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                return read(ps);
            }
        });
    }

    @Override
    public int count(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        return jdbc.tx("count bookmarks", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT COUNT(*) FROM bookmark WHERE platform = ? AND user_id = ?")) {
                ps.setString(1, reader.platform().name());
                ps.setString(2, reader.userId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public List<Bookmark> all() {
        return jdbc.tx("list all bookmarks", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT platform, user_id, passage, saved_at FROM bookmark"
                    + " ORDER BY saved_at, platform, user_id, passage")) {
                return read(ps);
            }
        });
    }

    @Override
    public boolean restore(Bookmark bookmark) {
        Objects.requireNonNull(bookmark, "bookmark");
        return jdbc.txRetryingUnique("restore bookmark", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bookmark SET saved_at = ?"
                    + " WHERE platform = ? AND user_id = ? AND passage = ? AND saved_at <> ?")) {
                ps.setLong(1, bookmark.savedAt().toEpochMilli());
                ps.setString(2, bookmark.reader().platform().name());
                ps.setString(3, bookmark.reader().userId());
                ps.setString(4, bookmark.passage());
                ps.setLong(5, bookmark.savedAt().toEpochMilli());
                if (ps.executeUpdate() > 0) return true;
            }
            return !exists(c, bookmark.reader(), bookmark.passage()) && insert(c, bookmark);
        });
    }

    private static boolean exists(Connection c, Reader reader, String passage) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM bookmark WHERE platform = ? AND user_id = ? AND passage = ?")) {
            ps.setString(1, reader.platform().name());
            ps.setString(2, reader.userId());
            ps.setString(3, passage);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean insert(Connection c, Bookmark bookmark) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO bookmark (platform, user_id, passage, saved_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, bookmark.reader().platform().name());
            ps.setString(2, bookmark.reader().userId());
            ps.setString(3, bookmark.passage());
            ps.setLong(4, bookmark.savedAt().toEpochMilli());
            return ps.executeUpdate() > 0;
        }
    }

    private static List<Bookmark> read(PreparedStatement ps) throws SQLException {
        List<Bookmark> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Bookmark(
                        new Reader(Platform.valueOf(rs.getString(1)), rs.getString(2)),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
            }
        }
        return out;
    }
}
