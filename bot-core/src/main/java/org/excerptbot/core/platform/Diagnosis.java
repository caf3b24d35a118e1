package org.excerptbot.core.platform;

import java.util.Objects;

/**
 * One finding of {@code doctor}: what was checked, how it went, and what to do about it.
 *
 * @param subject what was checked, such as {@code telegram} or {@code database}
 * @param detail what was found, never a secret
 * @param fix what to do next; empty when nothing is to be done
 */
public record Diagnosis(Level level, String subject, String detail, String fix) {
    /** How a check went. */
    public enum Level {
        OK,
        WARN,
        FAIL,
        SKIP
    }

    public Diagnosis {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }
}
