package org.excerptbot.core.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the bot answers, independent of any platform: an optional title, sections of styled text (each with its
 * citation, if it shows an excerpt), rows of actions and, for a quote card, pictures. Adapters render it: HTML and
 * inline keyboards on Telegram, embeds and buttons on Discord, plain text in the console. A reply with pictures
 * shows them, each with its caption, in place of its text where the platform can show pictures; its sections are
 * the same content as text, for the surfaces that cannot. A {@linkplain #personal() personal} reply answers the user
 * who asked alone (a bookmark saved): pressed on a button, it is shown to that user only where the platform can, and
 * the message the button sits on is left as it is, since others read it too.
 */
public record Reply(
        Kind kind,
        Optional<String> title,
        List<Section> sections,
        List<List<Action>> actions,
        List<Picture> pictures,
        boolean personal) {
    /** What sort of answer this is; errors are shown privately (ephemeral) where the platform allows it. */
    public enum Kind {
        CONTENT,
        ERROR,
        NOTICE
    }

    public Reply {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
        actions = actions.stream().map(List::copyOf).toList();
        pictures = List.copyOf(pictures);
    }

    /** A reply without pictures, for everyone in the chat. */
    public Reply(Kind kind, Optional<String> title, List<Section> sections, List<List<Action>> actions) {
        this(kind, title, sections, actions, List.of(), false);
    }

    /** The same reply with other rows of actions. */
    public Reply withActions(List<List<Action>> rows) {
        return new Reply(kind, title, sections, rows, pictures, personal);
    }

    /** True when the reply carries pictures to show in place of its text. */
    public boolean hasPictures() {
        return !pictures.isEmpty();
    }

    public static Builder builder(Kind kind) {
        return new Builder(kind);
    }

    /** A reply of one plain section. */
    public static Reply notice(String text) {
        return builder(Kind.NOTICE).section(Section.text(text)).build();
    }

    /** A short error message for the user. */
    public static Reply error(String text) {
        return builder(Kind.ERROR).section(Section.text(text)).build();
    }

    /** Every action of every row. */
    public List<Action> allActions() {
        return actions.stream().flatMap(List::stream).toList();
    }

    /** The text of every section without styles or citations, joined by blank lines. */
    public String plainText() {
        return sections.stream().map(Section::plainText).collect(Collectors.joining("\n\n"));
    }

    /** Builds a reply step by step. */
    public static final class Builder {
        private final Kind kind;
        private String title;
        private final List<Section> sections = new ArrayList<>();
        private final List<List<Action>> actions = new ArrayList<>();
        private final List<Picture> pictures = new ArrayList<>();
        private boolean personal;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder section(Section section) {
            sections.add(section);
            return this;
        }

        /** Adds a row of actions; an empty row is ignored. */
        public Builder actionRow(List<Action> row) {
            if (!row.isEmpty()) actions.add(List.copyOf(row));
            return this;
        }

        /** Adds a picture, shown after the ones added before. */
        public Builder picture(Picture picture) {
            pictures.add(Objects.requireNonNull(picture, "picture"));
            return this;
        }

        /** Makes the reply answer the user who asked alone (see {@link Reply#personal()}). */
        public Builder personal() {
            this.personal = true;
            return this;
        }

        public Reply build() {
            return new Reply(kind, Optional.ofNullable(title), sections, actions, pictures, personal);
        }
    }
}
