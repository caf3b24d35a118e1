package org.excerptbot.core.corpus;

import java.util.List;
import java.util.Optional;

/** A document: its manifest entry and its body paragraphs (numbered from 1). */
public record Document(DocumentInfo info, List<Paragraph> body) {
    public Document {
        body = List.copyOf(body);
    }

    public int number() {
        return info.number();
    }

    /** The body paragraph with this number, if there is one. */
    public Optional<Paragraph> paragraph(int number) {
        return number >= 1 && number <= body.size() ? Optional.of(body.get(number - 1)) : Optional.empty();
    }
}
