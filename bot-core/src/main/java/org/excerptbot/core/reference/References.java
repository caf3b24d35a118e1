package org.excerptbot.core.reference;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.excerptbot.core.command.Input;

/**
 * Finds the passages a chat message names, so that a reader can type {@code 1.11}, {@code 原则二} or {@code
 * principle 2} instead of a command. Platform-neutral; the adapters decide which messages to read at all.
 *
 * <p>Two kinds of reference are read. A reference that says what it is ({@code 第二项原则}, {@code 原则二},
 * {@code 四项原则第2条}, {@code 主张五}, {@code 第五点主张}, {@code 一论第3段}, {@code 讲话第11段}, {@code 1.11段},
 * {@code principle 2}, {@code proposal 5}) counts wherever it stands in a message. A bare position ({@code 1.11},
 * {@code 1 11}) counts only when the message says nothing else (a short lead-in such as {@code 看看} aside),
 * because inside a sentence a dotted number is far more often an amount or a version. So ordinary chat that
 * merely contains numbers, such as {@code 我有2个问题}, {@code in 2015} or {@code 中国有1.5亿网民}, names nothing.
 */
public final class References {
    /** The name of the command that shows the passages a message names; its argument is the references. */
    public static final String COMMAND = "passage";
    /** The most references read from one message; more are ignored. */
    public static final int MAX_FOUND = 10;

    private static final String NUMBER = "(\\d{1,3}|[一二三四五六七八九十两]{1,3})";
    /** What may follow 原则二 or 主张五 (rather than, say, 原则一致 or 主张三点开会). */
    private static final String AFTER_SHORT_FORM = "(?![\\d一二三四五六七八九十两])(?!\\.\\d)(?=$|[^\\p{IsHan}]|[是的呢吗吧啊呀和与及跟、也])";

    private record Form(Pattern pattern, Function<Matcher, Optional<Reference>> reading) {}

    private static final List<Form> FORMS = List.of(
            // 第二项原则, 第2条原则, 第二原则
            form("第" + NUMBER + "(?:项|条|个|点)?原则", m -> principle(m.group(1))),
            // 四项原则第2条, 四项原则中的第二项
            form("[四4]项原则(?:的|中的?|里的?)?\\s*第" + NUMBER + "(?:项|条|个|点)?", m -> principle(m.group(1))),
            // 原则二, 原则2 (原则之一 is "one of the principles", not the first)
            form("原则" + NUMBER + AFTER_SHORT_FORM, m -> principle(m.group(1))),
            form("第" + NUMBER + "(?:点|项|条|个)?主张", m -> proposal(m.group(1))),
            form("[五5][点项]主张(?:的|中的?|里的?)?\\s*第" + NUMBER + "(?:点|项|条|个)?", m -> proposal(m.group(1))),
            form("主张" + NUMBER + AFTER_SHORT_FORM, m -> proposal(m.group(1))),
            // 讲话第11段, 一论第3段, 第2篇第3段
            form(
                    "(讲话|演讲|一论|二论|三论|第" + NUMBER + "篇(?:文献)?)(?:的)?\\s*第?\\s*" + NUMBER + "\\s*(?:自然)?段",
                    m -> paragraph(document(m.group(1), m.group(2)), m.group(3))),
            // 1.11段, 第1.11段, §1.11, paragraph 1.11
            form("(?<![\\d.])第?\\s*(\\d{1,2})\\.(\\d{1,3})\\s*(?:自然)?段", m -> paragraph(m.group(1), m.group(2))),
            form(
                    "(?:§|¶|段落|(?<![a-z])paragraph|(?<![a-z])para\\.?)\\s*(\\d{1,2})\\.(\\d{1,3})(?![\\d.])",
                    m -> paragraph(m.group(1), m.group(2))),
            form("(?<![a-z])principle\\s*#?\\s*(\\d{1,2})(?![\\da-z])(?!\\.\\d)", m -> principle(m.group(1))),
            form("(?<![a-z])proposal\\s*#?\\s*(\\d{1,2})(?![\\da-z])(?!\\.\\d)", m -> proposal(m.group(1))));

    /** Marks where a reference that says what it is stood, when checking what else a message says. */
    private static final char FOUND = '\u0001';

    private static final Pattern BARE = Pattern.compile("([1-9])\\.(\\d{1,3})");
    private static final Pattern BARE_PAIR = Pattern.compile("([1-9])\\s+(\\d{1,3})");
    private static final Pattern SEPARATORS = Pattern.compile("(?:\\s|[,，、;；/]|和|及|与|跟|还有|and|&|\\+)+");
    private static final Pattern LEAD_IN = Pattern.compile(
            "^(?:(?:请|麻烦)?(?:给我)?(?:看看|看一下|看|读读|读一下|读|显示|打开|查看|查)\\s*|(?:please\\s+)?(?:show|read|open)(?:\\s+me)?\\s+)");
    private static final Pattern TRAILER = Pattern.compile("(?:吧|呢|吗|啊|谢谢|thanks|please|[\\s?？!！。.~～])+$");

    private References() {}

    /**
     * The references a message names, in the order they are written, each once, at most {@link #MAX_FOUND}; empty
     * when it names none. Full-width digits and letters count as their ASCII forms, English in any letter case.
     */
    public static List<Reference> find(String text) {
        if (text == null || text.isBlank()) return List.of();
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<Found> named = named(s);
        StringBuilder rest = new StringBuilder(s);
        for (Found f : named) {
            for (int i = f.start(); i < f.end(); i++) rest.setCharAt(i, i == f.start() ? FOUND : ' ');
        }
        List<Found> all = new ArrayList<>(named);
        all.addAll(bare(rest.toString()));
        all.sort(Comparator.comparingInt(Found::start));
        LinkedHashSet<Reference> references = new LinkedHashSet<>();
        for (Found f : all) {
            if (references.size() == MAX_FOUND) break;
            references.add(f.reference());
        }
        return List.copyOf(references);
    }

    /**
     * The request to show the passages a message names: the {@link #COMMAND} command with the references written
     * canonically; empty when the message names none.
     */
    public static Optional<Input.Command> passageRequest(String text) {
        List<Reference> found = find(text);
        if (found.isEmpty()) return Optional.empty();
        return Optional.of(new Input.Command(
                COMMAND, found.stream().map(Reference::canonical).collect(Collectors.joining(" "))));
    }

    private record Found(int start, int end, Reference reference) {}

    /** Every reference that says what it is; where two overlap, the one that starts first (then the longer). */
    private static List<Found> named(String s) {
        List<Found> candidates = new ArrayList<>();
        for (Form form : FORMS) {
            Matcher m = form.pattern().matcher(s);
            while (m.find()) {
                int start = m.start();
                int end = m.end();
                form.reading().apply(m).ifPresent(r -> candidates.add(new Found(start, end, r)));
            }
        }
        candidates.sort(Comparator.comparingInt(Found::start).thenComparing(f -> -f.end()));
        List<Found> kept = new ArrayList<>();
        int covered = 0;
        for (Found f : candidates) {
            if (f.start() < covered) continue;
            kept.add(f);
            covered = f.end();
        }
        return kept;
    }

    /** The bare positions, when what is left of the message says nothing but references. */
    private static List<Found> bare(String rest) {
        String body = TRAILER.matcher(rest.strip()).replaceFirst("");
        Matcher lead = LEAD_IN.matcher(body);
        int offset = lead.lookingAt() ? lead.end() : 0;
        String tail = body.substring(offset);
        Matcher pair = BARE_PAIR.matcher(tail);
        if (pair.matches()) {
            return List.of(new Found(
                    offset,
                    body.length(),
                    paragraph(pair.group(1), pair.group(2)).orElseThrow()));
        }
        List<Found> found = new ArrayList<>();
        Matcher sep = SEPARATORS.matcher(tail);
        int from = 0;
        while (true) {
            boolean more = sep.find();
            int to = more ? sep.start() : tail.length();
            String token = tail.substring(from, to);
            if (!token.isEmpty()) {
                Matcher m = BARE.matcher(token);
                if (m.matches()) {
                    int at = offset + from;
                    paragraph(m.group(1), m.group(2)).ifPresent(r -> found.add(new Found(at, at, r)));
                } else if (!token.equals(String.valueOf(FOUND))) {
                    return List.of(); // the message says something else: its dotted numbers are not positions
                }
            }
            if (!more) break;
            from = sep.end();
        }
        return found;
    }

    private static Form form(String regex, Function<Matcher, Optional<Reference>> reading) {
        return new Form(Pattern.compile(regex), reading);
    }

    private static Optional<Reference> principle(String number) {
        return number(number).map(Reference.Principle::new);
    }

    private static Optional<Reference> proposal(String number) {
        return number(number).map(Reference.Proposal::new);
    }

    private static Optional<Reference> paragraph(String document, String paragraph) {
        Optional<Integer> d = number(document);
        Optional<Integer> p = number(paragraph);
        if (d.isEmpty() || p.isEmpty()) return Optional.empty();
        return Optional.of(new Reference.Paragraph(d.get(), p.get()));
    }

    private static String document(String named, String number) {
        return switch (named) {
            case "讲话", "演讲" -> "1";
            case "一论" -> "2";
            case "二论" -> "3";
            case "三论" -> "4";
            default -> number;
        };
    }

    /** A number of ASCII digits or Chinese numerals (一 to 九十九, 两 for 二); empty for 0 or nonsense like 二二. */
    static Optional<Integer> number(String s) {
        if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(s);
            return n >= 1 ? Optional.of(n) : Optional.empty();
        }
        String t = s.replace('两', '二');
        int ten = t.indexOf('十');
        if (ten < 0) return t.length() == 1 ? Optional.of(digit(t.charAt(0))) : Optional.empty();
        if (t.indexOf('十', ten + 1) >= 0 || ten > 1 || t.length() - ten > 2) return Optional.empty();
        int tens = ten == 0 ? 1 : digit(t.charAt(0));
        int units = ten == t.length() - 1 ? 0 : digit(t.charAt(ten + 1));
        return Optional.of(tens * 10 + units);
    }

    private static int digit(char c) {
        return "一二三四五六七八九".indexOf(c) + 1;
    }
}
