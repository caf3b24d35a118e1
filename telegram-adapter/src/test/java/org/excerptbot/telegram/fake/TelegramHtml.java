package org.excerptbot.telegram.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Telegram's {@code parse_mode=HTML}, as the Bot API documents it: the supported tags only, the four named
 * entities and numeric ones, tags properly nested and closed. Parsing yields the text the user sees and its
 * entities, or the error the Bot API would send ({@code can't parse entities: ...}).
 */
public final class TelegramHtml {
    /** The tags the Bot API accepts. */
    public static final Set<String> TAGS = Set.of(
            "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote");

    /** The entity of {@code <blockquote expandable>}: shown collapsed to a few lines until the reader opens it. */
    public static final String EXPANDABLE_BLOCKQUOTE = "expandable_blockquote";

    private TelegramHtml() {}

    /** One formatted run of the visible text, offsets in UTF-16 code units as the Bot API counts them. */
    public record Entity(String tag, int offset, int length) {}

    /** The visible text and its formatting. */
    public record Parsed(String text, List<Entity> entities) {
        /** True when the run {@code [offset, offset+length)} of the text is inside an entity with this tag. */
        public boolean styled(String tag, String fragment) {
            int at = text.indexOf(fragment);
            return at >= 0
                    && entities.stream()
                            .anyMatch(e -> e.tag().equals(tag)
                                    && e.offset() <= at
                                    && e.offset() + e.length() >= at + fragment.length());
        }
    }

    /** Why the Bot API refused the markup; the message follows {@code Bad Request: can't parse entities: }. */
    public static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message);
        }
    }

    /** An open tag; {@code entity} is what its entity is recorded as (the tag, or {@code expandable_blockquote}). */
    private record Open(String tag, String entity, int textOffset) {}

    /** A message the Bot API refuses; the message is its description, e.g. {@code Bad Request: message is too long}. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String description) {
            super(description);
        }
    }

    /**
     * Checks a message's text as the Bot API does for {@code parse_mode} ({@code HTML} or none): its markup, that
     * some visible text is left, and at most {@code maxLength} characters of it.
     */
    public static Parsed message(String text, String parseMode, int maxLength) throws Refused {
        Parsed parsed;
        if (parseMode.equalsIgnoreCase("HTML")) {
            try {
                parsed = parse(text);
            } catch (ParseError e) {
                throw new Refused("Bad Request: can't parse entities: " + e.getMessage());
            }
        } else if (parseMode.isEmpty()) {
            parsed = new Parsed(text, List.of());
        } else {
            throw new Refused("Bad Request: unsupported parse_mode");
        }
        if (parsed.text().isBlank()) throw new Refused("Bad Request: message text is empty");
        if (parsed.text().length() > maxLength) throw new Refused("Bad Request: message is too long");
        return parsed;
    }

    /** The Bot API's {@code MessageEntity} type of a tag, null for a link (its entity needs the URL). */
    public static String entityType(String tag) {
        return switch (tag) {
            case "b", "strong" -> "bold";
            case "i", "em" -> "italic";
            case "u", "ins" -> "underline";
            case "s", "strike", "del" -> "strikethrough";
            case "code" -> "code";
            case "pre" -> "pre";
            case "tg-spoiler" -> "spoiler";
            case "blockquote" -> "blockquote";
            case EXPANDABLE_BLOCKQUOTE -> EXPANDABLE_BLOCKQUOTE;
            default -> null;
        };
    }

    /** Parses HTML the way the Bot API does. */
    public static Parsed parse(String html) throws ParseError {
        StringBuilder text = new StringBuilder(html.length());
        List<Entity> entities = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i);
                boolean end = i + 1 < n && html.charAt(i + 1) == '/';
                if (close < 0) {
                    throw new ParseError((end ? "Unclosed end tag" : "Unclosed start tag") + at(html, i));
                }
                String inside = html.substring(i + (end ? 2 : 1), close);
                String name = tagName(inside);
                if (end) {
                    if (open.isEmpty()) throw new ParseError("Unexpected end tag" + at(html, i));
                    Open top = open.pop();
                    if (!top.tag().equals(name)) {
                        throw new ParseError("Unmatched end tag" + at(html, i) + ", expected \"</" + top.tag()
                                + ">\", found \"</" + name + ">\"");
                    }
                    entities.add(new Entity(top.entity(), top.textOffset(), text.length() - top.textOffset()));
                } else {
                    if (name.isEmpty() || !TAGS.contains(name)) {
                        throw new ParseError("Unsupported start tag \"" + name + "\"" + at(html, i));
                    }
                    String attributes = inside.substring(name.length()).strip();
                    boolean expandable = name.equals("blockquote") && attributes.equals("expandable");
                    if (!attributes.isEmpty()
                            && !expandable
                            && !name.equals("a")
                            && !name.equals("code")
                            && !name.equals("pre")) {
                        throw new ParseError("Unsupported attribute in tag \"" + name + "\"" + at(html, i));
                    }
                    open.push(new Open(name, expandable ? EXPANDABLE_BLOCKQUOTE : name, text.length()));
                }
                i = close + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                String entity = semi < 0 || semi - i > 10 ? null : html.substring(i + 1, semi);
                String decoded = entity == null ? null : decode(entity);
                if (decoded == null) {
                    throw new ParseError("Character entity expected" + at(html, i)
                            + " (an unescaped '&', or an unsupported entity)");
                }
                text.append(decoded);
                i = semi + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new ParseError("Can't find end tag corresponding to start tag \""
                    + open.peek().tag() + "\"");
        }
        return new Parsed(text.toString(), List.copyOf(entities));
    }

    private static String tagName(String inside) {
        int k = 0;
        while (k < inside.length()) {
            char ch = inside.charAt(k);
            if (!(Character.isLetterOrDigit(ch) || ch == '-')) break;
            k++;
        }
        return inside.substring(0, k).toLowerCase(Locale.ROOT);
    }

    private static String decode(String entity) {
        switch (entity) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            default:
                break;
        }
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            }
            if (entity.startsWith("#")) return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static String at(String html, int index) {
        return " at byte offset " + html.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }
}
