package org.excerptbot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * Renders a neutral {@link Reply} as Telegram HTML ({@code parse_mode=HTML}): every piece of text escaped, search
 * matches and labels in bold, commands in monospace, each excerpt followed by its citation in italics. No message
 * exceeds {@link #MAX_CHARS} visible characters: sections are packed into as few messages as fit, and a section
 * longer than that is cut at a line or sentence end. The reply's actions become the inline keyboard of the last
 * message. A reply with pictures becomes one photo each, captioned with the picture's caption (at most
 * {@link #MAX_CAPTION} characters), in place of its text. A cited passage longer than {@link #EXPANDABLE_FROM}
 * characters is set in an expandable blockquote ({@code <blockquote expandable>}), its citation below it: the chat
 * shows its first lines and the reader opens the rest, instead of a wall of text pushing everything else away.
 */
public final class HtmlRenderer {
    /** Telegram's limit on a message's text after entity parsing. */
    public static final int MAX_CHARS = 4096;

    /** Telegram's limit on a photo's caption after entity parsing. */
    public static final int MAX_CAPTION = 1024;

    /**
     * Cited passages longer than this many characters (about 15 lines of Chinese on a phone; the longest few paragraphs
     * of the texts) are shown collapsed, in an expandable blockquote.
     */
    public static final int EXPANDABLE_FROM = 300;

    private static final String SEPARATOR = "\n\n";
    private final int limit;

    public HtmlRenderer() {
        this(MAX_CHARS);
    }

    /** A renderer with a smaller limit, for tests of the splitting. */
    HtmlRenderer(int limit) {
        if (limit < 16) throw new IllegalArgumentException("limit: must be at least 16, was " + limit);
        this.limit = limit;
    }

    /**
     * One Telegram message: its HTML (a photo's caption), how many characters the user sees, its buttons, and the
     * picture when it is a photo.
     */
    public record Rendered(String html, int visibleLength, List<List<Action>> keyboard, Optional<Picture> picture) {
        public Rendered {
            keyboard = keyboard.stream().map(List::copyOf).toList();
            Objects.requireNonNull(picture, "picture");
        }

        /** A text message. */
        public Rendered(String html, int visibleLength, List<List<Action>> keyboard) {
            this(html, visibleLength, keyboard, Optional.empty());
        }
    }

    /** A run of text with one style, inside the expandable blockquote or not; the unit of escaping and cutting. */
    private record Run(String text, String tag, boolean quoted) {
        Run(String text, String tag) {
            this(text, tag, false);
        }

        /** The same style and quoting, another text. */
        Run with(String other) {
            return new Run(other, tag, quoted);
        }

        String html() {
            String escaped = escape(text);
            return tag == null ? escaped : "<" + tag + ">" + escaped + "</" + tag + ">";
        }
    }

    /** The messages that show the reply, in order: its photos if it has pictures, else its text; never empty. */
    public List<Rendered> render(Reply reply) {
        if (reply.hasPictures()) return photos(reply);
        return renderText(reply);
    }

    /** A photo a picture, captioned; the reply's buttons under the last. */
    private static List<Rendered> photos(Reply reply) {
        List<Picture> pictures = reply.pictures();
        List<Rendered> out = new ArrayList<>(pictures.size());
        for (int i = 0; i < pictures.size(); i++) {
            String caption = pictures.get(i).caption();
            if (caption.length() > MAX_CAPTION) caption = caption.substring(0, MAX_CAPTION - 1) + "…";
            boolean last = i == pictures.size() - 1;
            out.add(new Rendered(
                    escape(caption),
                    caption.length(),
                    last ? reply.actions() : List.of(),
                    Optional.of(pictures.get(i))));
        }
        return out;
    }

    /** The messages that show the reply's text, in order, whether or not it has pictures; never empty. */
    public List<Rendered> renderText(Reply reply) {
        List<List<Run>> blocks = new ArrayList<>();
        reply.title().ifPresent(t -> blocks.add(List.of(new Run(t, "b"))));
        for (Section section : reply.sections()) blocks.add(runs(section));
        blocks.removeIf(b -> b.stream().allMatch(r -> r.text().isBlank()));
        if (blocks.isEmpty()) blocks.add(List.of(new Run("…", null)));

        List<List<Run>> messages = new ArrayList<>();
        List<Run> current = new ArrayList<>();
        int currentLength = 0;
        for (List<Run> block : blocks) {
            for (List<Run> piece : cut(block)) {
                int length = length(piece);
                int joined = current.isEmpty() ? length : currentLength + SEPARATOR.length() + length;
                if (joined > limit) {
                    messages.add(current);
                    current = new ArrayList<>();
                    joined = length;
                }
                if (!current.isEmpty()) current.add(new Run(SEPARATOR, null));
                current.addAll(piece);
                currentLength = joined;
            }
        }
        messages.add(current);

        List<Rendered> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            List<Run> runs = messages.get(i);
            boolean last = i == messages.size() - 1;
            out.add(new Rendered(html(runs), length(runs), last ? reply.actions() : List.of()));
        }
        return out;
    }

    /** The HTML of one reply that must fit a single message (inline results): the first message only. */
    public String renderSingle(Reply reply) {
        return renderText(reply).get(0).html();
    }

    /** The runs' HTML, each stretch of quoted runs in one expandable blockquote. */
    private static String html(List<Run> runs) {
        StringBuilder html = new StringBuilder();
        boolean inQuote = false;
        for (Run r : runs) {
            if (r.quoted() != inQuote) {
                html.append(r.quoted() ? "<blockquote expandable>" : "</blockquote>");
                inQuote = r.quoted();
            }
            html.append(r.html());
        }
        if (inQuote) html.append("</blockquote>");
        return html.toString();
    }

    private static List<Run> runs(Section section) {
        List<Run> runs = new ArrayList<>();
        boolean quoted = section.citation().isPresent()
                && section.spans().stream()
                                .mapToInt(span -> span.text().length())
                                .sum()
                        > EXPANDABLE_FROM;
        for (Span span : section.spans()) runs.add(new Run(span.text(), tag(span.style()), quoted));
        section.citation().ifPresent(c -> {
            if (!runs.isEmpty()) runs.add(new Run("\n", null));
            runs.add(new Run("—— " + c.line(), "i"));
        });
        return runs;
    }

    private static String tag(Span.Style style) {
        return switch (style) {
            case PLAIN -> null;
            case MATCH, STRONG -> "b";
            case CODE -> "code";
        };
    }

    /** The block itself when it fits, otherwise pieces that do, cut at a line or sentence end where possible. */
    private List<List<Run>> cut(List<Run> block) {
        if (length(block) <= limit) return List.of(block);
        List<List<Run>> pieces = new ArrayList<>();
        List<Run> piece = new ArrayList<>();
        int room = limit;
        for (Run run : block) {
            String rest = run.text();
            while (!rest.isEmpty()) {
                if (rest.length() <= room) {
                    piece.add(run.with(rest));
                    room -= rest.length();
                    rest = "";
                } else {
                    int at = cutPoint(rest, room, piece.isEmpty());
                    if (at > 0) piece.add(run.with(rest.substring(0, at)));
                    rest = rest.substring(at);
                    pieces.add(piece);
                    piece = new ArrayList<>();
                    room = limit;
                }
            }
        }
        if (!piece.isEmpty()) pieces.add(piece);
        pieces.replaceAll(HtmlRenderer::strip);
        pieces.removeIf(p -> p.stream().allMatch(r -> r.text().isBlank()));
        return pieces;
    }

    /**
     * Where to cut {@code text} so that its head fits {@code room}: after the last line break or sentence end in the
     * second half of the room, else at the room (never inside a surrogate pair). May be 0 when the piece so far is
     * not empty and the text offers no good cut: the whole run then starts the next piece.
     */
    private static int cutPoint(String text, int room, boolean pieceEmpty) {
        int max = Math.min(room, text.length());
        for (int i = max; i > max / 2; i--) {
            char c = text.charAt(i - 1);
            if (c == '\n' || c == '。' || c == '！' || c == '？' || c == '；' || c == '.' || c == '!' || c == '?') {
                return i;
            }
        }
        if (!pieceEmpty && max < room / 2) return 0;
        int at = max;
        if (at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))) at--;
        return at;
    }

    private static List<Run> strip(List<Run> piece) {
        List<Run> out = new ArrayList<>(piece);
        while (!out.isEmpty() && out.get(0).text().isBlank()) out.remove(0);
        if (!out.isEmpty() && out.get(0).text().startsWith("\n")) {
            Run first = out.get(0);
            out.set(0, first.with(first.text().stripLeading()));
        }
        return out;
    }

    private static int length(List<Run> runs) {
        int n = 0;
        for (Run r : runs) n += r.text().length();
        return n;
    }

    /** Escapes text for Telegram HTML: {@code &}, {@code <}, {@code >} and {@code "}. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String repl =
                    switch (c) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        default -> null;
                    };
            if (repl != null && out == null) {
                out = new StringBuilder(text.length() + 16);
                out.append(text, 0, i);
            }
            if (out != null) {
                if (repl != null) out.append(repl);
                else out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
