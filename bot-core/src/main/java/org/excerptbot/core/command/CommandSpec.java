package org.excerptbot.core.command;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable description of a command, in the manner of TelegramBots' abilities: its name, its arguments,
 * who may run it and where, and its handler. The dispatcher enforces all of it before the handler runs.
 *
 * <p>Its messages: {@code command.<name>.description} (required), {@code command.<name>.example} (optional),
 * {@code command.<name>.arg.<argument>} for each argument (required), and optionally its own wording of
 * argument errors, {@code command.<name>.error.[<argument>.]<violation>}, and a usage line {@code
 * command.<name>.usage} shown under them. {@link CommandRegistry#of(java.util.Collection,
 * org.excerptbot.core.i18n.Messages)} checks that each is in both bundles.
 *
 * @param suggestions values to offer for its arguments while they are typed ({@link Suggestions#NONE} by default)
 */
public record CommandSpec(
        String name,
        List<ArgSpec> arguments,
        Privacy privacy,
        Locality locality,
        CommandHandler handler,
        Suggestions suggestions) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: 1-32 lower-case letters, digits or _, was '" + name + "'");
        }
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(suggestions, "suggestions");
    }

    /** A command that suggests nothing while its arguments are typed. */
    public CommandSpec(
            String name, List<ArgSpec> arguments, Privacy privacy, Locality locality, CommandHandler handler) {
        this(name, arguments, privacy, locality, handler, Suggestions.NONE);
    }

    /** The same command, offering these values while its arguments are typed. */
    public CommandSpec withSuggestions(Suggestions suggestions) {
        return new CommandSpec(name, arguments, privacy, locality, handler, suggestions);
    }

    /** A public command that runs anywhere. */
    public static CommandSpec everyone(String name, List<ArgSpec> arguments, CommandHandler handler) {
        return new CommandSpec(name, arguments, Privacy.PUBLIC, Locality.ALL, handler);
    }

    public String descriptionKey() {
        return "command." + name + ".description";
    }

    public String exampleKey() {
        return "command." + name + ".example";
    }
}
