package org.excerptbot.discord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.AttachedFile;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * Renders a neutral {@link Reply} as a Discord message: one embed (title, Markdown text with matches in bold, the
 * citation in the footer, a colour by kind) and buttons from the reply's actions. Several excerpts with different
 * citations become one field each, named by its citation. Everything is cut to Discord's limits (title 256,
 * description 4096, field 1024, footer 2048, 6000 in all; 5 rows of 5 buttons, labels 80) with an ellipsis, never
 * rejected. Errors are meant to be shown ephemerally ({@link #ephemeral(Reply)}). A reply with pictures (quote cards)
 * uploads them as attachments, each shown in an embed of its own ({@code attachment://card-….png} as the image, the
 * caption with the citation as the footer), when all of them fit Discord's limits (10 files, 10 MiB); otherwise it
 * is shown as text.
 */
public final class EmbedRenderer {
    public static final int CONTENT_COLOR = 0xB22222;
    public static final int NOTICE_COLOR = 0x5865F2;
    public static final int ERROR_COLOR = 0xED4245;

    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELD_NAME_MAX = 256;
    static final int FIELD_VALUE_MAX = 1024;
    static final int FOOTER_MAX = 2048;
    static final int TOTAL_MAX = 6000;
    static final int FIELDS_MAX = 25;
    static final int ROWS_MAX = 5;
    static final int BUTTONS_PER_ROW = 5;
    static final int LABEL_MAX = 80;
    /** Discord's default upload limit (servers without boosts, DMs): 10 MiB, counted here for all files at once. */
    static final long ATTACHMENT_BYTES_MAX = 10L * 1024 * 1024;

    static final int ATTACHMENTS_MAX = 10;
    private static final String ELLIPSIS = "…";
    private static final String EMPTY = "—";
    private static final String MARKDOWN = "\\*_~`|>[]";

    /** True when only the user who asked should see the reply. */
    public boolean ephemeral(Reply reply) {
        return reply.kind() == Reply.Kind.ERROR;
    }

    /** A new message: the reply's pictures as attachments in embeds, or its text in one embed. */
    public MessageCreateData create(Reply reply) {
        List<FileUpload> files = attachments(reply);
        return new MessageCreateBuilder()
                .setEmbeds(files.isEmpty() ? List.of(embed(reply)) : pictureEmbeds(reply))
                .setFiles(files)
                .setComponents(buttons(reply))
                .build();
    }

    /**
     * The replacement of a message (a button press, a deferred reply): embeds, attachments and buttons all replaced,
     * so that a card turned back into text keeps no picture.
     */
    public MessageEditData edit(Reply reply) {
        List<FileUpload> files = attachments(reply);
        return new MessageEditBuilder()
                .setContent("")
                .setEmbeds(files.isEmpty() ? List.of(embed(reply)) : pictureEmbeds(reply))
                .setAttachments(files)
                .setComponents(buttons(reply))
                .build();
    }

    /** True when the reply goes out with its pictures: it has some and all of them fit one message. */
    static boolean showsPictures(Reply reply) {
        List<Picture> pictures = reply.pictures();
        long bytes = pictures.stream().mapToLong(Picture::size).sum();
        return !pictures.isEmpty() && pictures.size() <= ATTACHMENTS_MAX && bytes <= ATTACHMENT_BYTES_MAX;
    }

    /** The files to upload: every picture, with its text as the alternative text; none when they do not fit. */
    static List<FileUpload> attachments(Reply reply) {
        if (!showsPictures(reply)) return List.of();
        List<FileUpload> files = new ArrayList<>();
        for (Picture p : reply.pictures()) {
            files.add(FileUpload.fromData(p.png(), p.fileName())
                    .setDescription(cut(p.altText(), AttachedFile.MAX_DESCRIPTION_LENGTH)));
        }
        return files;
    }

    /** One embed a picture: the reply's title on the first, the picture as the image, its caption underneath. */
    static List<MessageEmbed> pictureEmbeds(Reply reply) {
        String title = reply.title().map(t -> cut(t, TITLE_MAX)).orElse("");
        List<MessageEmbed> embeds = new ArrayList<>();
        for (Picture p : reply.pictures()) {
            EmbedBuilder embed =
                    new EmbedBuilder().setColor(color(reply.kind())).setImage("attachment://" + p.fileName());
            if (embeds.isEmpty() && !title.isEmpty()) embed.setTitle(title);
            if (!p.caption().isBlank()) embed.setFooter(cut(p.caption(), FOOTER_MAX));
            embeds.add(embed.build());
        }
        return embeds;
    }

    /** The embed, within Discord's limits. */
    public MessageEmbed embed(Reply reply) {
        String title = reply.title().map(t -> cut(t, TITLE_MAX)).orElse("");
        List<Section> uncited = new ArrayList<>();
        List<Section> cited = new ArrayList<>();
        for (Section s : reply.sections()) (s.citation().isPresent() ? cited : uncited).add(s);
        Set<Citation> distinct = new HashSet<>();
        cited.forEach(s -> distinct.add(s.citation().get()));

        String footer = "";
        List<Span> description = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        List<List<Span>> fieldValues = new ArrayList<>();
        if (distinct.size() <= 1) {
            // one excerpt (or several from one place): the text in the description, the citation underneath
            appendSections(description, reply.sections());
            footer = distinct.stream()
                    .findFirst()
                    .map(c -> cut(c.line(), FOOTER_MAX))
                    .orElse("");
        } else {
            appendSections(description, uncited);
            int nameMax = Math.min(FIELD_NAME_MAX, Math.max(16, 2500 / Math.min(cited.size(), FIELDS_MAX)));
            for (Section s : cited) {
                if (fieldNames.size() == FIELDS_MAX) break;
                fieldNames.add(cut(s.citation().get().line(), nameMax));
                fieldValues.add(s.spans());
            }
        }

        // fixed parts first, then fit the flexible ones (description and field values) into what is left
        int fixed = title.length()
                + footer.length()
                + fieldNames.stream().mapToInt(String::length).sum();
        List<List<Span>> flexible = new ArrayList<>();
        List<Integer> max = new ArrayList<>();
        flexible.add(description);
        max.add(DESCRIPTION_MAX);
        for (List<Span> v : fieldValues) {
            flexible.add(v);
            max.add(FIELD_VALUE_MAX);
        }
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < flexible.size(); i++) rendered.add(markdown(flexible.get(i), max.get(i)));
        int total = fixed + rendered.stream().mapToInt(String::length).sum();
        while (total > TOTAL_MAX) {
            int largest = 0;
            for (int i = 1; i < rendered.size(); i++) {
                if (rendered.get(i).length() > rendered.get(largest).length()) largest = i;
            }
            int budget = Math.max(1, rendered.get(largest).length() - (total - TOTAL_MAX));
            rendered.set(largest, markdown(flexible.get(largest), budget));
            total = fixed + rendered.stream().mapToInt(String::length).sum();
        }

        EmbedBuilder embed = new EmbedBuilder().setColor(color(reply.kind()));
        if (!title.isEmpty()) embed.setTitle(title);
        String text = rendered.get(0);
        if (!text.isEmpty()) embed.setDescription(text);
        for (int i = 0; i < fieldNames.size(); i++) {
            String value = rendered.get(i + 1);
            embed.addField(
                    fieldNames.get(i).isBlank() ? EMPTY : fieldNames.get(i), value.isBlank() ? EMPTY : value, false);
        }
        if (!footer.isEmpty()) embed.setFooter(footer);
        if (embed.isEmpty()) embed.setDescription(EMPTY);
        return embed.build();
    }

    private static void appendSections(List<Span> out, List<Section> sections) {
        for (Section s : sections) {
            if (!out.isEmpty()) out.add(Span.plain("\n\n"));
            out.addAll(s.spans());
        }
    }

    /**
     * The buttons: each action row of the reply, split into rows of at most five, at most five rows.
     */
    public List<ActionRow> buttons(Reply reply) {
        List<ActionRow> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (List<Action> row : reply.actions()) {
            List<Button> buttons = new ArrayList<>();
            for (Action a : row) {
                if (!ids.add(a.data())) continue; // Discord refuses two buttons with one id
                buttons.add(Button.secondary(a.data(), cut(a.label(), LABEL_MAX)));
                if (buttons.size() == BUTTONS_PER_ROW) {
                    rows.add(ActionRow.of(buttons));
                    buttons = new ArrayList<>();
                }
            }
            if (!buttons.isEmpty()) rows.add(ActionRow.of(buttons));
        }
        return rows.size() > ROWS_MAX ? List.copyOf(rows.subList(0, ROWS_MAX)) : rows;
    }

    static int color(Reply.Kind kind) {
        return switch (kind) {
            case CONTENT -> CONTENT_COLOR;
            case NOTICE -> NOTICE_COLOR;
            case ERROR -> ERROR_COLOR;
        };
    }

    /** Spans as Discord Markdown, at most {@code budget} characters, cut with an ellipsis where needed. */
    static String markdown(List<Span> spans, int budget) {
        StringBuilder full = new StringBuilder();
        spans.forEach(s -> full.append(render(s.text(), s.style())));
        if (full.length() <= budget) return full.toString();
        StringBuilder out = new StringBuilder();
        int remaining = budget - ELLIPSIS.length();
        for (Span s : spans) {
            String r = render(s.text(), s.style());
            if (r.length() <= remaining) {
                out.append(r);
                remaining -= r.length();
                continue;
            }
            // the longest prefix of this span whose rendering still fits
            int lo = 0;
            int hi = s.text().codePointCount(0, s.text().length());
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (render(prefix(s.text(), mid), s.style()).length() <= remaining) lo = mid;
                else hi = mid - 1;
            }
            if (lo > 0) out.append(render(prefix(s.text(), lo), s.style()));
            break;
        }
        return out.append(ELLIPSIS).toString();
    }

    private static String render(String text, Span.Style style) {
        if (text.isEmpty()) return "";
        return switch (style) {
            case PLAIN -> escape(text);
            case MATCH, STRONG -> text.isBlank() ? text : "**" + escape(text) + "**";
            case CODE -> "`" + text.replace('`', 'ˋ') + "`";
        };
    }

    /**
     * Backslash before every character Discord Markdown could read as syntax: emphasis, code, spoilers, quotes,
     * masked links, and headings or lists at the start of a line.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MARKDOWN.indexOf(c) >= 0 || (lineStart && (c == '#' || c == '-'))) out.append('\\');
            out.append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }
        return out.toString();
    }

    private static String prefix(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    /** Plain text cut to {@code max} characters with an ellipsis, never inside a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) return text;
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + ELLIPSIS;
    }
}
