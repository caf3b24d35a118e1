package org.excerptbot.core.command;

import java.util.List;
import java.util.Objects;

/**
 * One argument of a command: its name, whether it may be left out, and what it accepts. The dispatcher reads it
 * before the handler runs; a handler reads the value through {@link CommandContext}.
 *
 * <p>Arguments are read in order, one word each; {@link ArgType.Text} takes the rest of the line. Arguments
 * {@linkplain #inAnyOrder() in any order} come last and are recognised by their form instead
 * ({@code /subscribe 07:30 sequential} and {@code /subscribe sequential 07:30} are the same).
 *
 * <p>Its short name in messages is {@code command.<command>.arg.<name>}, in both bundles (the registry checks it).
 *
 * @param required whether the command refuses to run without it
 * @param anyOrder whether it is recognised by its form rather than its position
 */
public record ArgSpec(String name, boolean required, boolean anyOrder, ArgType type) {
    /** The longest free text an untyped argument accepts (the dispatcher refuses longer arguments anyway). */
    public static final int MAX_TEXT = 1000;

    public ArgSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** An argument that takes the rest of the line as free text (for commands that read their text themselves). */
    public ArgSpec(String name, boolean required) {
        this(name, required, false, new ArgType.Text(1, MAX_TEXT));
    }

    /** A required argument taking the rest of the line as free text. */
    public static ArgSpec required(String name) {
        return new ArgSpec(name, true);
    }

    /** An optional argument taking the rest of the line as free text. */
    public static ArgSpec optional(String name) {
        return new ArgSpec(name, false);
    }

    /** A required whole number from {@code min} to {@code max}. */
    public static ArgSpec integer(String name, int min, int max) {
        return new ArgSpec(name, true, false, new ArgType.Whole(min, max));
    }

    /** A required free text of {@code minChars} to {@code maxChars} characters: the rest of the line. */
    public static ArgSpec text(String name, int minChars, int maxChars) {
        return new ArgSpec(name, true, false, new ArgType.Text(minChars, maxChars));
    }

    /** A required choice of one of {@code values}, typed in any letter case. */
    public static ArgSpec choice(String name, List<String> values) {
        return new ArgSpec(name, true, false, new ArgType.Choice(values));
    }

    /** A required time of day {@code HH:MM}. */
    public static ArgSpec time(String name) {
        return new ArgSpec(name, true, false, new ArgType.Time());
    }

    /** A required time zone {@code Area/City} or {@code UTC}. */
    public static ArgSpec zone(String name) {
        return new ArgSpec(name, true, false, new ArgType.Zone());
    }

    /** A required set of days of the week ({@code weekdays}, {@code mon,wed,fri}, ...). */
    public static ArgSpec daysOfWeek(String name) {
        return new ArgSpec(name, true, false, new ArgType.DaysOfWeek());
    }

    /** The same argument, which may be left out. */
    public ArgSpec asOptional() {
        return new ArgSpec(name, false, anyOrder, type);
    }

    /** The same argument, recognised by its form wherever it stands among the other any-order arguments. */
    public ArgSpec inAnyOrder() {
        return new ArgSpec(name, required, true, type);
    }

    /** The same whole-number argument, with a maximum that depends on the arguments before it. */
    public ArgSpec atMost(ArgType.Limit limit) {
        return new ArgSpec(name, required, anyOrder, whole().atMost(limit));
    }

    /** The same whole-number argument, which may be typed together with the next one as {@code a.b}. */
    public ArgSpec joinedWithNext() {
        return new ArgSpec(name, required, anyOrder, whole().joinedWithNext());
    }

    /** The message key of the argument's short name, for a command. */
    public String labelKey(String command) {
        return "command." + command + ".arg." + name;
    }

    private ArgType.Whole whole() {
        if (type instanceof ArgType.Whole w) return w;
        throw new IllegalStateException(name + ": is not a whole-number argument but " + type);
    }
}
