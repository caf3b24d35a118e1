package org.excerptbot.core.metrics;

import java.util.Objects;

/**
 * One part of the bot that can say whether it works right now (the database, a platform connection). The
 * application asks every registered check when {@code /healthz} is called; an instance is ready when none is down.
 * A check must answer quickly and must not throw (an exception counts as down).
 */
@FunctionalInterface
public interface HealthCheck {
    /** The state of this part now. */
    Result check();

    /** How well a part works: {@link #DEGRADED} still serves users, with something missing (a command menu). */
    enum Status {
        UP,
        DEGRADED,
        DOWN
    }

    /**
     * A check's answer.
     *
     * @param status whether the part works
     * @param detail a short human-readable explanation, never a secret
     */
    record Result(Status status, String detail) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }

        /** Whether the part serves users (up or degraded). */
        public boolean up() {
            return status != Status.DOWN;
        }

        public static Result up(String detail) {
            return new Result(Status.UP, detail);
        }

        public static Result degraded(String detail) {
            return new Result(Status.DEGRADED, detail);
        }

        public static Result down(String detail) {
            return new Result(Status.DOWN, detail);
        }
    }
}
