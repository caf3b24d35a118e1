package org.excerptbot.core.command;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;

/**
 * The explicit, ordered set of commands the bot knows. Built once at wiring time, after checking every spec;
 * immutable afterwards.
 */
public final class CommandRegistry {
    private static final Pattern ARGUMENT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final Map<String, CommandSpec> byName;

    private CommandRegistry(Map<String, CommandSpec> byName) {
        this.byName = byName;
    }

    /**
     * The commands, after checking their shape: unique command names; unique argument names; required arguments
     * before optional ones; free text only last; any-order arguments after the positional ones.
     *
     * @throws IllegalArgumentException naming the command and what is wrong with it
     */
    public static CommandRegistry of(Collection<CommandSpec> specs) {
        Map<String, CommandSpec> map = new LinkedHashMap<>();
        for (CommandSpec spec : specs) {
            if (map.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("specs: the command '" + spec.name() + "' is registered twice");
            }
            checkArguments(spec);
        }
        return new CommandRegistry(Collections.unmodifiableMap(map));
    }

    /**
     * The commands, checked as by {@link #of(Collection)} and also against the interface strings: every message a
     * command refers to ({@link CommandSpec}) is in both languages' own bundles, its own argument-error messages
     * name its arguments and known violations and use only known placeholders, and so do the generic ones.
     *
     * @throws IllegalArgumentException naming the command and the message key
     */
    public static CommandRegistry of(Collection<CommandSpec> specs, Messages messages) {
        CommandRegistry registry = of(specs);
        List<Texts> languages = messages.languages();
        for (String key : ArgumentMessages.genericKeys()) {
            requireEverywhere("every command", key, languages);
            checkPlaceholders("every command", key, ArgumentMessages.PLACEHOLDERS, languages);
        }
        Set<String> ownKeys = new TreeSet<>();
        for (Texts t : languages) ownKeys.addAll(t.ownKeys());
        for (CommandSpec spec : registry.specs()) checkMessages(spec, languages, ownKeys);
        return registry;
    }

    public Optional<CommandSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every command, in registration order (the order of /help and the platforms' command menus). */
    public List<CommandSpec> specs() {
        return List.copyOf(byName.values());
    }

    private static void checkArguments(CommandSpec spec) {
        Set<String> names = new HashSet<>();
        boolean optionalSeen = false;
        boolean anyOrderSeen = false;
        List<ArgSpec> arguments = spec.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            ArgSpec a = arguments.get(i);
            String what = "the argument '" + a.name() + "'";
            if (!ARGUMENT_NAME.matcher(a.name()).matches()) {
                refuse(spec, what + " needs a name of 1-32 lower-case letters, digits or _");
            }
            if (ArgumentMessages.PLACEHOLDERS.contains(a.name())) {
                refuse(spec, what + " has the name of a message placeholder " + ArgumentMessages.PLACEHOLDERS);
            }
            if (!names.add(a.name())) refuse(spec, what + " is declared twice");
            if (a.type() instanceof ArgType.Text && i != arguments.size() - 1) {
                refuse(spec, what + " is free text, which takes the rest of the line, so it must be the last");
            }
            if (a.anyOrder()) {
                if (a.type() instanceof ArgType.Text) refuse(spec, what + " is free text and cannot be in any order");
                if (optionalSeen && !anyOrderSeen) {
                    refuse(spec, what + " is in any order after an optional positional argument, which is ambiguous");
                }
                anyOrderSeen = true;
            } else {
                if (anyOrderSeen) refuse(spec, what + " is positional after an any-order argument");
                if (a.required() && optionalSeen) refuse(spec, what + " is required after an optional argument");
                if (!a.required()) optionalSeen = true;
            }
            if (a.type() instanceof ArgType.Whole w && w.joinsNext()) {
                boolean nextIsWhole = i + 1 < arguments.size()
                        && !arguments.get(i + 1).anyOrder()
                        && arguments.get(i + 1).type() instanceof ArgType.Whole;
                if (a.anyOrder() || !nextIsWhole) {
                    refuse(spec, what + " joins the next argument, which must be a positional whole number");
                }
            }
        }
    }

    private static void checkMessages(CommandSpec spec, List<Texts> languages, Set<String> ownKeys) {
        String command = "/" + spec.name();
        requireEverywhere(command, spec.descriptionKey(), languages);
        Set<String> allowed = new HashSet<>(ArgumentMessages.PLACEHOLDERS);
        for (ArgSpec a : spec.arguments()) {
            requireEverywhere(command, a.labelKey(spec.name()), languages);
            allowed.add(a.name());
        }
        String usage = ArgumentMessages.usageKey(spec.name());
        String prefix = ArgumentMessages.prefix(spec.name());
        for (String key : ownKeys) {
            if (!key.equals(usage) && !key.startsWith(prefix)) continue;
            if (key.startsWith(prefix) && !isErrorKey(spec, key.substring(prefix.length()))) {
                throw new IllegalArgumentException("specs: " + command + ": the message '" + key
                        + "' names no argument and violation of the command that can occur");
            }
            requireEverywhere(command, key, languages);
            checkPlaceholders(command, key, allowed, languages);
        }
    }

    /** True for {@code <violation>} or {@code <argument>.<violation>} where the violation can occur. */
    private static boolean isErrorKey(CommandSpec spec, String rest) {
        for (Violation v : Violation.values()) {
            if (rest.equals(v.key)) {
                if (v == Violation.TOO_MANY) return true;
                if (v == Violation.UNRECOGNISED)
                    return spec.arguments().stream().anyMatch(ArgSpec::anyOrder);
                return spec.arguments().stream().anyMatch(v::appliesTo);
            }
            for (ArgSpec a : spec.arguments()) {
                if (rest.equals(a.name() + "." + v.key)) return v.appliesTo(a);
            }
        }
        return false;
    }

    private static void requireEverywhere(String command, String key, List<Texts> languages) {
        for (Texts t : languages) {
            if (!t.hasOwn(key)) {
                throw new IllegalArgumentException("specs: " + command + ": the message '" + key
                        + "' is missing from the " + t.locale().getLanguage() + " bundle");
            }
        }
    }

    private static void checkPlaceholders(String command, String key, Set<String> allowed, List<Texts> languages) {
        for (Texts t : languages) {
            for (String p : t.placeholders(key)) {
                if (!allowed.contains(p)) {
                    throw new IllegalArgumentException("specs: " + command + ": the message '" + key + "' ("
                            + t.locale().getLanguage() + ") uses the unknown placeholder {" + p + "}; known: "
                            + new TreeSet<>(allowed));
                }
            }
        }
    }

    private static void refuse(CommandSpec spec, String problem) {
        throw new IllegalArgumentException("specs: /" + spec.name() + ": " + problem);
    }
}
