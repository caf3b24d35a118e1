package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message as a Discord user would see it, in the fake's state: what was last posted or edited, whether only the
 * invoker sees it (ephemeral), whether it is still "thinking" (a deferred reply), and whether it was deleted.
 * Immutable snapshot; the fake replaces it on every edit (see {@link #version()}).
 */
public record FakeMessage(ObjectNode json, int version, boolean deleted) {
    static final int EPHEMERAL = 1 << 6;
    static final int LOADING = 1 << 7;
    static final int CROSSPOSTED = 1;

    public String id() {
        return json.path("id").asText();
    }

    public String channelId() {
        return json.path("channel_id").asText();
    }

    public int flags() {
        return json.path("flags").asInt();
    }

    /** Only the user who ran the command sees it. */
    public boolean ephemeral() {
        return (flags() & EPHEMERAL) != 0;
    }

    /** A deferred reply that has not been filled in yet ("ExcerptBot is thinking..."). */
    public boolean loading() {
        return (flags() & LOADING) != 0;
    }

    public String content() {
        return json.path("content").asText("");
    }

    public List<JsonNode> embeds() {
        List<JsonNode> out = new ArrayList<>();
        json.path("embeds").forEach(out::add);
        return out;
    }

    /** The first embed, which every reply of this bot has. */
    public JsonNode embed() {
        return embeds().isEmpty() ? json.missingNode() : embeds().get(0);
    }

    public String title() {
        return embed().path("title").asText("");
    }

    public String description() {
        return embed().path("description").asText("");
    }

    /** The description as the user reads it: Markdown escapes, bold markers and code ticks resolved. */
    public String text() {
        return read(description());
    }

    /** Discord Markdown as read on screen: {@code \\*} shows {@code *}, {@code **bold**} and {@code `code`} lose their marks. */
    public static String read(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && !Character.isLetterOrDigit(markdown.charAt(i + 1))) {
                out.append(markdown.charAt(++i));
            } else if (c == '*' && i + 1 < markdown.length() && markdown.charAt(i + 1) == '*') {
                i++;
            } else if (c != '`') {
                out.append(c);
            }
        }
        return out.toString();
    }

    public String footer() {
        return embed().path("footer").path("text").asText("");
    }

    public int color() {
        return embed().path("color").asInt();
    }

    /** Every text of every embed: titles, descriptions, field names and values, footers. */
    public String allText() {
        StringBuilder out = new StringBuilder(content());
        for (JsonNode e : embeds()) {
            out.append('\n').append(e.path("title").asText(""));
            out.append('\n').append(e.path("description").asText(""));
            e.path("fields").forEach(f -> out.append('\n')
                    .append(f.path("name").asText(""))
                    .append('\n')
                    .append(f.path("value").asText("")));
            out.append('\n').append(e.path("footer").path("text").asText(""));
        }
        return out.toString();
    }

    /** Published to the servers following its announcement channel. */
    public boolean crossposted() {
        return (flags() & CROSSPOSTED) != 0;
    }

    /** The id of the message this one replies to; empty when it is no reply. */
    public String repliesTo() {
        return json.path("message_reference").path("message_id").asText("");
    }

    /** The files attached to the message, as Discord lists them (filename, size, url, width, height). */
    public List<JsonNode> attachments() {
        List<JsonNode> out = new ArrayList<>();
        json.path("attachments").forEach(out::add);
        return out;
    }

    /** The URL of the first embed's image; empty when it has none. */
    public String imageUrl() {
        return embed().path("image").path("url").asText("");
    }

    /** The buttons, row by row, as {@code label} strings. */
    public List<List<String>> buttonRows() {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : json.path("components")) {
            List<String> labels = new ArrayList<>();
            row.path("components").forEach(b -> labels.add(b.path("label").asText()));
            rows.add(labels);
        }
        return rows;
    }

    /** The labels of all buttons. */
    public List<String> buttonLabels() {
        return buttonRows().stream().flatMap(List::stream).toList();
    }

    /** The button with this label. */
    public Optional<JsonNode> button(String label) {
        for (JsonNode row : json.path("components")) {
            for (JsonNode b : row.path("components")) {
                if (label.equals(b.path("label").asText())) return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "FakeMessage" + (ephemeral() ? "[ephemeral]" : "") + (loading() ? "[loading]" : "") + "#" + version + " "
                + allText().strip().replace('\n', '|');
    }
}
