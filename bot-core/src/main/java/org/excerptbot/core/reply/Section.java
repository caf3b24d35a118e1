package org.excerptbot.core.reply;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A block of a reply: styled text, with the citation of the excerpt it shows, if it shows one. */
public record Section(List<Span> spans, Optional<Citation> citation) {
    public Section {
        spans = List.copyOf(spans);
    }

    public static Section of(Span... spans) {
        return new Section(List.of(spans), Optional.empty());
    }

    public static Section text(String text) {
        return of(Span.plain(text));
    }

    public static Section cited(List<Span> spans, Citation citation) {
        return new Section(spans, Optional.of(citation));
    }

    /** The text without styles. */
    public String plainText() {
        return spans.stream().map(Span::text).collect(Collectors.joining());
    }
}
