package org.excerptbot.core.metrics;

import java.util.Objects;

/**
 * One part of the bot that can say whether it works right now (the database, a platform connection). The
 * application asks every registered check when {@code /healthz} is called; an instance is ready when all pass.
 * A check must answer quickly and must not throw (an exception counts as down).
 */
@FunctionalInterface
public interface HealthCheck {
    /** The state of this part now. */
    Result check();

    /**
     * A check's answer.
     *
     * @param up whether the part works
     * @param detail a short human-readable explanation, never a secret
     */
    record Result(boolean up, String detail) {
        public Result {
            Objects.requireNonNull(detail, "detail");
        }

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
