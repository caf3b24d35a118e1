package org.excerptbot.core.reply;

import java.util.Objects;

/** A run of text with one style. Renderers escape the text themselves. */
public record Span(String text, Style style) {
    /** How a span is shown. */
    public enum Style {
        /** Ordinary text. */
        PLAIN,
        /** A search match: bold on Telegram and Discord, 【brackets】 in the console. */
        MATCH,
        /** A heading or label inside a section. */
        STRONG,
        /** Something the user types, such as a command; monospace where the platform has it. */
        CODE
    }

    public Span {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
    }

    public static Span plain(String text) {
        return new Span(text, Style.PLAIN);
    }

    public static Span match(String text) {
        return new Span(text, Style.MATCH);
    }

    public static Span strong(String text) {
        return new Span(text, Style.STRONG);
    }

    public static Span code(String text) {
        return new Span(text, Style.CODE);
    }
}
