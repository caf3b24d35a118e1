package org.excerptbot.core.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;

/**
 * The replies to refused arguments, and the message keys they come from.
 *
 * <p>A violation's message is the first of {@code command.<command>.error.<argument>.<violation>}, {@code
 * command.<command>.error.<violation>} and {@code error.argument.<violation>} that the user's language has. When
 * the command has a {@code command.<command>.usage} message, it follows as a second section. The messages may use
 * the named placeholders {@link #PLACEHOLDERS} and the name of any argument of the command, for its value when it
 * was read before the violation ({@code {document}}).
 */
final class ArgumentMessages {
    /**
     * {@code command}: the command's name; {@code argument}: the argument's short name; {@code value}: the word as
     * typed (shortened), or the number read from it when it is out of range; {@code accepts}: what the argument
     * accepts ({@code 1-4}, {@code HH:MM}); {@code min}, {@code max}: a number's bounds or a text's length;
     * {@code count}: how many arguments the command takes.
     */
    static final Set<String> PLACEHOLDERS = Set.of("command", "argument", "value", "accepts", "min", "max", "count");

    static final String ACCEPTS_TEXT = "argument.accepts.text";
    static final String ACCEPTS_TIME = "argument.accepts.time";
    static final String ACCEPTS_ZONE = "argument.accepts.zone";
    static final String ACCEPTS_DAYS = "argument.accepts.days";

    private static final int MAX_VALUE_CHARS = 20;

    private ArgumentMessages() {}

    /** Every generic message the replies may fall back on. */
    static List<String> genericKeys() {
        List<String> keys = new ArrayList<>();
        for (Violation v : Violation.values()) keys.add(v.genericKey());
        keys.add(Violation.NO_ARGUMENTS_KEY);
        keys.addAll(List.of(ACCEPTS_TEXT, ACCEPTS_TIME, ACCEPTS_ZONE, ACCEPTS_DAYS));
        return keys;
    }

    static String prefix(String command) {
        return "command." + command + ".error.";
    }

    static String usageKey(String command) {
        return "command." + command + ".usage";
    }

    /** The short error reply for refused arguments, in the user's language. */
    static Reply reply(CommandSpec spec, ArgumentParser.Refused refused, Texts texts) {
        String message = texts.format(key(spec, refused, texts), placeholders(spec, refused, texts));
        if (texts.english()) message = capitalised(message);
        String usage = usageKey(spec.name());
        if (!texts.hasOwn(usage)) return Reply.error(message);
        return Reply.builder(Reply.Kind.ERROR)
                .section(Section.text(message))
                .section(Section.text(texts.format(usage, Map.of("command", spec.name()))))
                .build();
    }

    private static String key(CommandSpec spec, ArgumentParser.Refused refused, Texts texts) {
        Violation v = refused.violation();
        List<String> candidates = new ArrayList<>();
        if (!v.commandWide()) {
            refused.argument().ifPresent(a -> candidates.add(prefix(spec.name()) + a.name() + "." + v.key));
        }
        candidates.add(prefix(spec.name()) + v.key);
        candidates.add(
                v == Violation.TOO_MANY && spec.arguments().isEmpty() ? Violation.NO_ARGUMENTS_KEY : v.genericKey());
        for (String key : candidates) {
            if (texts.hasOwn(key)) return key;
        }
        return candidates.get(candidates.size() - 1);
    }

    private static Map<String, Object> placeholders(CommandSpec spec, ArgumentParser.Refused refused, Texts texts) {
        Map<String, Object> values = new HashMap<>();
        refused.earlier().values().forEach(values::put);
        values.put("command", spec.name());
        values.put("count", spec.arguments().size());
        values.put("value", shorten(refused.value()));
        Optional<ArgSpec> argument = refused.argument();
        if (argument.isPresent()) {
            ArgSpec a = argument.get();
            String label = a.labelKey(spec.name());
            values.put("argument", texts.has(label) ? texts.get(label) : a.name());
            ArgType type = a.type();
            if (type instanceof ArgType.Whole whole) {
                int max = whole.maxAfter(refused.earlier());
                values.put("min", whole.min());
                values.put("max", max);
                values.put("accepts", whole.min() == max ? String.valueOf(max) : whole.min() + "-" + max);
            } else if (type instanceof ArgType.Text text) {
                values.put("min", text.minChars());
                values.put("max", text.maxChars());
                values.put("accepts", texts.format(ACCEPTS_TEXT, values));
            } else if (type instanceof ArgType.Choice choice) {
                values.put("accepts", String.join("|", choice.values()));
            } else if (type instanceof ArgType.Time) {
                values.put("accepts", texts.get(ACCEPTS_TIME));
            } else if (type instanceof ArgType.Zone) {
                values.put("accepts", texts.get(ACCEPTS_ZONE));
            } else if (type instanceof ArgType.DaysOfWeek) {
                values.put("accepts", texts.get(ACCEPTS_DAYS));
            }
        }
        return values;
    }

    /** English messages may begin with an argument's short name, which is written in lower case. */
    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
    }

    private static String shorten(String s) {
        return s.codePointCount(0, s.length()) <= MAX_VALUE_CHARS
                ? s
                : s.substring(0, s.offsetByCodePoints(0, MAX_VALUE_CHARS)) + "…";
    }
}
