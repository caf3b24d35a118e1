package org.excerptbot.core.command;

/**
 * How typed arguments can fail their spec. Each has a message {@code error.argument.<key>}; a command may word
 * it for itself as {@code command.<command>.error.<key>} or, for one argument, {@code
 * command.<command>.error.<argument>.<key>}.
 */
enum Violation {
    /** A required argument is absent. */
    MISSING("missing"),
    /** The word does not have the argument's form ("abc" for a number, 25:30 for a time). */
    INVALID("invalid"),
    /** A whole number outside its bounds. */
    RANGE("range"),
    /** Free text shorter than its minimum. */
    TOO_SHORT("too.short"),
    /** Free text longer than its maximum. */
    TOO_LONG("too.long"),
    /** An any-order argument given twice. */
    REPEATED("repeated"),
    /** A word after the last argument. */
    TOO_MANY("too.many"),
    /** A word that none of the any-order arguments recognises. */
    UNRECOGNISED("unrecognised");

    /** The generic message of {@link #TOO_MANY} for a command that takes no arguments. */
    static final String NO_ARGUMENTS_KEY = "error.argument.none";

    final String key;

    Violation(String key) {
        this.key = key;
    }

    String genericKey() {
        return "error.argument." + key;
    }

    /** True when the violation concerns the command as a whole, not one argument. */
    boolean commandWide() {
        return this == TOO_MANY || this == UNRECOGNISED;
    }

    /** True when an argument of this spec can fail this way, so that a message for it can ever be shown. */
    boolean appliesTo(ArgSpec spec) {
        ArgType type = spec.type();
        return switch (this) {
            case MISSING -> spec.required();
            case INVALID -> !(type instanceof ArgType.Text);
            case RANGE -> type instanceof ArgType.Whole;
            case TOO_SHORT -> type instanceof ArgType.Text t && t.minChars() > 1;
            case TOO_LONG -> type instanceof ArgType.Text;
            case REPEATED -> spec.anyOrder();
            case TOO_MANY, UNRECOGNISED -> false;
        };
    }
}
