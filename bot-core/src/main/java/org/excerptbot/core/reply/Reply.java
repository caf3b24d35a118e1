package org.excerptbot.core.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the bot answers, independent of any platform: an optional title, sections of styled text (each with its
 * citation, if it shows an excerpt) and rows of actions. Adapters render it: HTML and inline keyboards on
 * Telegram, embeds and buttons on Discord, plain text in the console.
 */
public record Reply(Kind kind, Optional<String> title, List<Section> sections, List<List<Action>> actions) {
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

        public Reply build() {
            return new Reply(kind, Optional.ofNullable(title), sections, actions);
        }
    }
}
