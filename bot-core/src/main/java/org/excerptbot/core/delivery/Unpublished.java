package org.excerptbot.core.delivery;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post that arrived in an announcement channel but was not published to the servers following it: why, in a
 * form {@code /status} can put in words, and the platform's own words. Recorded in the delivery row's detail.
 *
 * @param detail the platform's answer or the limit that held the publish back, for the log and the row
 */
public record Unpublished(Reason reason, String detail) {
    /** Why the post was not published. */
    public enum Reason {
        /** The channel's publishes of the hour were used up (Discord allows 10 an hour per channel). */
        RATE_LIMITED,
        /** The bot lacks the permission to publish there. */
        MISSING_PERMISSION,
        /** Anything else (a network error, an unexpected answer). */
        OTHER
    }

    private static final String PREFIX = "not published to followers (";
    private static final Pattern RECORDED = Pattern.compile("^not published to followers \\(([A-Z_]+)\\): (.*)$");

    public Unpublished {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** The row's detail that records this. */
    public String recorded() {
        return PREFIX + reason.name() + "): " + detail;
    }

    /** What {@link #recorded()} wrote, read back from a row's detail; empty for any other detail. */
    public static Optional<Unpublished> parse(String detail) {
        if (detail == null) return Optional.empty();
        Matcher m = RECORDED.matcher(detail);
        if (!m.matches()) return Optional.empty();
        for (Reason r : Reason.values()) {
            if (r.name().equals(m.group(1))) return Optional.of(new Unpublished(r, m.group(2)));
        }
        return Optional.empty();
    }
}
