package org.excerptbot.core.command;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The explicit, ordered set of commands the bot knows. Built once at wiring time; immutable afterwards. */
public final class CommandRegistry {
    private final Map<String, CommandSpec> byName;

    private CommandRegistry(Map<String, CommandSpec> byName) {
        this.byName = byName;
    }

    public static CommandRegistry of(Collection<CommandSpec> specs) {
        Map<String, CommandSpec> map = new LinkedHashMap<>();
        for (CommandSpec spec : specs) {
            if (map.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("specs: the command '" + spec.name() + "' is registered twice");
            }
        }
        return new CommandRegistry(java.util.Collections.unmodifiableMap(map));
    }

    public Optional<CommandSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every command, in registration order (the order of /help and the platforms' command menus). */
    public List<CommandSpec> specs() {
        return List.copyOf(byName.values());
    }
}
