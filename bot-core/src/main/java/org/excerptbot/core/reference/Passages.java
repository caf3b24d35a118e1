package org.excerptbot.core.reference;

import java.util.List;
import java.util.Optional;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;

/** The paragraphs references name in one corpus. */
public final class Passages {
    private Passages() {}

    /** The paragraph a reference names (a principle or proposal: the paragraph that states it); empty if none. */
    public static Optional<ParagraphRef> paragraph(Corpus corpus, Reference reference) {
        if (reference instanceof Reference.Paragraph p) {
            ParagraphRef ref = new ParagraphRef(p.document(), p.paragraph());
            return corpus.paragraph(ref).map(x -> ref);
        }
        boolean principle = reference instanceof Reference.Principle;
        List<Point> points = principle ? corpus.principles() : corpus.proposals();
        int number = principle ? ((Reference.Principle) reference).number() : ((Reference.Proposal) reference).number();
        return number <= points.size()
                ? Optional.of(points.get(number - 1).paragraph().ref())
                : Optional.empty();
    }

    /** The first paragraph a message names; empty when it names none that exists. */
    public static Optional<ParagraphRef> first(Corpus corpus, String message) {
        return References.find(message).stream().findFirst().flatMap(r -> paragraph(corpus, r));
    }

    /** The text cut to at most {@code max} characters, with an ellipsis when cut. */
    public static String preview(String text, int max) {
        return text.codePointCount(0, text.length()) <= max
                ? text
                : text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }
}
