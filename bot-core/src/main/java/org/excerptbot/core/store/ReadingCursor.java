package org.excerptbot.core.store;

import java.sql.PreparedStatement;
import org.excerptbot.core.subscription.Mode;

/**
 * Moves a sequential schedule's cursor on when its reader reads on: a compare-and-set in one statement, so that two
 * presses of the same button, or a press racing the daily post (which moves the cursor the same way), move it once.
 */
final class ReadingCursor {
    private ReadingCursor() {}

    static boolean advance(Jdbc jdbc, long subscriptionId, long from) {
        if (from < 0) throw new IllegalArgumentException("from: must not be negative, was " + from);
        return jdbc.tx("advance a reading", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE subscription SET read_cursor = ?" + " WHERE id = ? AND read_cursor = ? AND mode = ?")) {
                ps.setLong(1, from + 1);
                ps.setLong(2, subscriptionId);
                ps.setLong(3, from);
                ps.setString(4, Mode.SEQUENTIAL.name());
                return ps.executeUpdate() == 1;
            }
        });
    }
}
