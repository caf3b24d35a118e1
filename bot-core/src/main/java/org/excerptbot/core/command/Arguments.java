package org.excerptbot.core.command;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one invocation, read and checked against the command's {@link ArgSpec}s. The accessors name
 * the argument and its kind; asking for an argument the command does not declare, with the wrong kind, or a
 * required accessor for an optional argument (and the reverse) is a bug and throws.
 */
public final class Arguments {
    private static final Arguments NONE = new Arguments(List.of(), Map.of());

    private final List<ArgSpec> specs;
    private final Map<String, Object> values;

    Arguments(List<ArgSpec> specs, Map<String, Object> values) {
        this.specs = List.copyOf(specs);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No arguments at all. */
    public static Arguments none() {
        return NONE;
    }

    /** True when the argument was given. */
    public boolean has(String name) {
        spec(name);
        return values.containsKey(name);
    }

    public int integer(String name) {
        return required(name, ArgType.Whole.class, Integer.class);
    }

    public Optional<Integer> optionalInteger(String name) {
        return optional(name, ArgType.Whole.class, Integer.class);
    }

    public String text(String name) {
        return required(name, ArgType.Text.class, String.class);
    }

    public Optional<String> optionalText(String name) {
        return optional(name, ArgType.Text.class, String.class);
    }

    /** The chosen word, as the spec lists it. */
    public String choice(String name) {
        return required(name, ArgType.Choice.class, String.class);
    }

    public Optional<String> optionalChoice(String name) {
        return optional(name, ArgType.Choice.class, String.class);
    }

    public LocalTime time(String name) {
        return required(name, ArgType.Time.class, LocalTime.class);
    }

    public Optional<LocalTime> optionalTime(String name) {
        return optional(name, ArgType.Time.class, LocalTime.class);
    }

    public ZoneId zone(String name) {
        return required(name, ArgType.Zone.class, ZoneId.class);
    }

    public Optional<ZoneId> optionalZone(String name) {
        return optional(name, ArgType.Zone.class, ZoneId.class);
    }

    /** The days of an optional {@link ArgType.DaysOfWeek} argument, if given. */
    @SuppressWarnings("unchecked")
    public Optional<Set<DayOfWeek>> optionalDaysOfWeek(String name) {
        return optional(name, ArgType.DaysOfWeek.class, Set.class).map(s -> (Set<DayOfWeek>) s);
    }

    /** The values given, by argument name, in the order of the command's arguments. */
    Map<String, Object> values() {
        return values;
    }

    private <T> T required(String name, Class<? extends ArgType> kind, Class<T> type) {
        ArgSpec spec = check(name, kind);
        if (!spec.required()) {
            throw new IllegalArgumentException(name + ": is optional; read it with the optional accessor");
        }
        Object value = values.get(name);
        if (value == null) throw new IllegalStateException(name + ": required but not read yet");
        return type.cast(value);
    }

    private <T> Optional<T> optional(String name, Class<? extends ArgType> kind, Class<T> type) {
        ArgSpec spec = check(name, kind);
        if (spec.required()) {
            throw new IllegalArgumentException(name + ": is required; read it with the required accessor");
        }
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    private ArgSpec check(String name, Class<? extends ArgType> kind) {
        ArgSpec spec = spec(name);
        if (!kind.isInstance(spec.type())) {
            throw new IllegalArgumentException(
                    name + ": is " + spec.type().getClass().getSimpleName() + ", not " + kind.getSimpleName());
        }
        return spec;
    }

    private ArgSpec spec(String name) {
        for (ArgSpec spec : specs) {
            if (spec.name().equals(name)) return spec;
        }
        throw new IllegalArgumentException("name: the command has no argument '" + name + "'");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
