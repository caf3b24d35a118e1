package org.excerptbot.core.corpus;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The four documents, parsed and corrected, with the speech's principles and proposals. Immutable. */
public record Corpus(List<Document> documents, List<Erratum> errata, List<Point> principles, List<Point> proposals) {
    public Corpus {
        documents = List.copyOf(documents);
        errata = List.copyOf(errata);
        principles = List.copyOf(principles);
        proposals = List.copyOf(proposals);
    }

    /** The document with this number (1-4), if there is one. */
    public Optional<Document> document(int number) {
        return number >= 1 && number <= documents.size() ? Optional.of(documents.get(number - 1)) : Optional.empty();
    }

    /** The paragraph at this position, if there is one. */
    public Optional<Paragraph> paragraph(ParagraphRef ref) {
        return document(ref.document()).flatMap(d -> d.paragraph(ref.paragraph()));
    }

    /** Every body paragraph of every document, in reading order. */
    public Stream<Paragraph> paragraphs() {
        return documents.stream().flatMap(d -> d.body().stream());
    }

    /** The manifest entry of the document a paragraph belongs to. */
    public DocumentInfo info(ParagraphRef ref) {
        return documents.get(ref.document() - 1).info();
    }
}
