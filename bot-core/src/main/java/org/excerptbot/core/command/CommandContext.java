package org.excerptbot.core.command;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;

/**
 * One invocation of a command, with its arguments already read and checked against the command's spec: a
 * handler reads them with the typed accessors ({@link #integer}, {@link #optionalText}, ...) and need not check
 * them again.
 *
 * @param arguments the text after the command name, stripped; empty when there is none
 * @param parsed the arguments read by their specs
 * @param texts the interface strings in the user's language
 * @param page the page asked for by a paging button; 1 for a typed command
 * @param registry the commands of the dispatcher that runs this one (for /help)
 */
public record CommandContext(
        Request request, String arguments, Arguments parsed, Texts texts, int page, CommandRegistry registry) {
    public CommandContext {
        Objects.requireNonNull(request, "request");
        arguments = arguments == null ? "" : arguments.strip();
        Objects.requireNonNull(parsed, "parsed");
        Objects.requireNonNull(texts, "texts");
        if (page < 1) throw new IllegalArgumentException("page: must be at least 1, was " + page);
        Objects.requireNonNull(registry, "registry");
    }

    /** The arguments split on white space; empty when there are none. */
    public List<String> words() {
        return arguments.isEmpty() ? List.of() : List.of(arguments.split("\\s+"));
    }

    /** A required whole-number argument. */
    public int integer(String name) {
        return parsed.integer(name);
    }

    /** An optional whole-number argument. */
    public Optional<Integer> optionalInteger(String name) {
        return parsed.optionalInteger(name);
    }

    /** A required free-text argument, stripped. */
    public String text(String name) {
        return parsed.text(name);
    }

    /** An optional free-text argument, stripped. */
    public Optional<String> optionalText(String name) {
        return parsed.optionalText(name);
    }

    /** A required choice, as the spec lists it. */
    public String choice(String name) {
        return parsed.choice(name);
    }

    /** An optional choice, as the spec lists it. */
    public Optional<String> optionalChoice(String name) {
        return parsed.optionalChoice(name);
    }

    /** A required time of day. */
    public LocalTime time(String name) {
        return parsed.time(name);
    }

    /** An optional time of day. */
    public Optional<LocalTime> optionalTime(String name) {
        return parsed.optionalTime(name);
    }

    /** A required time zone. */
    public ZoneId zone(String name) {
        return parsed.zone(name);
    }

    /** Optional days of the week ({@link ArgType.DaysOfWeek}). */
    public Optional<java.util.Set<java.time.DayOfWeek>> optionalDaysOfWeek(String name) {
        return parsed.optionalDaysOfWeek(name);
    }

    /** An optional time zone. */
    public Optional<ZoneId> optionalZone(String name) {
        return parsed.optionalZone(name);
    }

    /**
     * The reply another command of the registry gives to {@code arguments}, read and checked by its spec as if they
     * had been typed in this request: for a command that answers by way of others. Only public commands that run
     * anywhere can be asked, since this request has passed no other command's checks.
     *
     * @throws IllegalArgumentException if the registry has no such public command that runs anywhere
     */
    public Reply delegate(String command, String arguments) {
        CommandSpec spec = registry.find(command)
                .filter(s -> s.privacy() == Privacy.PUBLIC && s.locality() == Locality.ALL)
                .orElseThrow(() -> new IllegalArgumentException(
                        "command: no public command that runs anywhere is named '" + command + "'"));
        ArgumentParser.Outcome outcome = ArgumentParser.parse(spec.arguments(), arguments);
        if (outcome instanceof ArgumentParser.Refused refused) return ArgumentMessages.reply(spec, refused, texts);
        Arguments read = ((ArgumentParser.Read) outcome).arguments();
        return spec.handler().handle(new CommandContext(request, arguments, read, texts, 1, registry));
    }
}
