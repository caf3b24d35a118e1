package org.excerptbot.core.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a command's argument text against its {@link ArgSpec}s: the values, or the first violation. Positional
 * arguments take one word each in order (free text takes the rest of the line); any-order arguments then take
 * the remaining words by their form.
 */
final class ArgumentParser {
    private static final Pattern WORD = Pattern.compile("\\S+", Pattern.UNICODE_CHARACTER_CLASS);

    private ArgumentParser() {}

    /** The outcome: the arguments read, or why they were refused. */
    sealed interface Outcome {}

    record Read(Arguments arguments) implements Outcome {}

    /**
     * Refused arguments.
     *
     * @param argument the argument concerned; for {@link Violation#TOO_MANY} the command's last one; empty for
     *     {@link Violation#UNRECOGNISED} and for commands without arguments
     * @param value the word concerned as typed, or for {@link Violation#RANGE} the number read from it; empty for
     *     {@link Violation#MISSING}
     * @param earlier the arguments read before the violation
     */
    record Refused(Violation violation, Optional<ArgSpec> argument, String value, Arguments earlier)
            implements Outcome {}

    private record Word(String text, int start) {}

    /** Thrown inside the parser only, to stop at the first violation. */
    private static final class Refusal extends Exception {
        final transient Refused refused;

        Refusal(Refused refused) {
            super(null, null, false, false);
            this.refused = refused;
        }
    }

    static Outcome parse(List<ArgSpec> specs, String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            read(specs, text, values);
        } catch (Refusal r) {
            return r.refused;
        }
        return new Read(new Arguments(specs, values));
    }

    private static void read(List<ArgSpec> specs, String text, Map<String, Object> values) throws Refusal {
        List<Word> words = words(text);
        List<ArgSpec> positional = specs.stream().filter(s -> !s.anyOrder()).toList();
        List<ArgSpec> anyOrder = specs.stream().filter(ArgSpec::anyOrder).toList();
        int w = 0;
        for (int a = 0; a < positional.size(); a++) {
            ArgSpec spec = positional.get(a);
            if (w >= words.size()) {
                if (spec.required()) throw refusal(Violation.MISSING, spec, "", specs, values);
                continue;
            }
            if (spec.type() instanceof ArgType.Text t) {
                String rest = text.substring(words.get(w).start()).strip();
                int length = rest.codePointCount(0, rest.length());
                if (length < t.minChars()) throw refusal(Violation.TOO_SHORT, spec, rest, specs, values);
                if (length > t.maxChars()) throw refusal(Violation.TOO_LONG, spec, rest, specs, values);
                values.put(spec.name(), rest);
                w = words.size();
                continue;
            }
            String word = words.get(w++).text();
            Optional<List<String>> joined =
                    spec.type() instanceof ArgType.Whole whole && whole.joinsNext() && a + 1 < positional.size()
                            ? ArgType.Whole.split(word)
                            : Optional.empty();
            if (joined.isPresent()) {
                values.put(spec.name(), value(spec, joined.get().get(0), specs, values));
                ArgSpec next = positional.get(++a);
                values.put(next.name(), value(next, joined.get().get(1), specs, values));
            } else {
                values.put(spec.name(), value(spec, word, specs, values));
            }
        }
        for (; w < words.size(); w++) {
            String word = words.get(w).text();
            if (anyOrder.isEmpty()) {
                Optional<ArgSpec> last = specs.isEmpty() ? Optional.empty() : Optional.of(specs.get(specs.size() - 1));
                throw new Refusal(new Refused(Violation.TOO_MANY, last, word, new Arguments(specs, values)));
            }
            List<ArgSpec> claimants =
                    anyOrder.stream().filter(s -> s.type().claims(word)).toList();
            if (claimants.isEmpty()) {
                throw new Refusal(
                        new Refused(Violation.UNRECOGNISED, Optional.empty(), word, new Arguments(specs, values)));
            }
            ArgSpec target = claimants.stream()
                    .filter(s -> !values.containsKey(s.name()))
                    .findFirst()
                    .orElse(claimants.get(0));
            // a value that cannot be read is named as such before it is found to repeat an argument
            Object value = value(target, word, specs, values);
            if (values.containsKey(target.name())) throw refusal(Violation.REPEATED, target, word, specs, values);
            values.put(target.name(), value);
        }
        for (ArgSpec spec : anyOrder) {
            if (spec.required() && !values.containsKey(spec.name())) {
                throw refusal(Violation.MISSING, spec, "", specs, values);
            }
        }
    }

    /** One word read as the argument's type, within its bounds. */
    private static Object value(ArgSpec spec, String word, List<ArgSpec> specs, Map<String, Object> values)
            throws Refusal {
        ArgType type = spec.type();
        if (type instanceof ArgType.Whole whole) {
            int n = ArgType.Whole.parse(word).orElseThrow(() -> refusal(Violation.INVALID, spec, word, specs, values));
            if (n < whole.min() || n > whole.maxAfter(new Arguments(specs, values))) {
                throw refusal(Violation.RANGE, spec, String.valueOf(n), specs, values);
            }
            return n;
        }
        if (type instanceof ArgType.Choice choice) {
            return choice.parse(word).orElseThrow(() -> refusal(Violation.INVALID, spec, word, specs, values));
        }
        if (type instanceof ArgType.Time) {
            return ArgType.Time.parse(word).orElseThrow(() -> refusal(Violation.INVALID, spec, word, specs, values));
        }
        if (type instanceof ArgType.Zone) {
            return ArgType.Zone.parse(word).orElseThrow(() -> refusal(Violation.INVALID, spec, word, specs, values));
        }
        if (type instanceof ArgType.DaysOfWeek) {
            return ArgType.DaysOfWeek.parse(word)
                    .orElseThrow(() -> refusal(Violation.INVALID, spec, word, specs, values));
        }
        throw new IllegalStateException(spec.name() + ": free text is not read word by word");
    }

    private static Refusal refusal(
            Violation violation, ArgSpec spec, String value, List<ArgSpec> specs, Map<String, Object> values) {
        return new Refusal(new Refused(violation, Optional.of(spec), value, new Arguments(specs, values)));
    }

    private static List<Word> words(String text) {
        List<Word> words = new java.util.ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) words.add(new Word(m.group(), m.start()));
        return words;
    }
}
