package org.excerptbot.core.search;

import java.util.List;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.reply.Span;

/**
 * One matching body paragraph.
 *
 * @param snippet the paragraph, or the part of it around the matches, with the matches as {@link Span.Style#MATCH}
 * @param score the ranking score; higher is better
 */
public record SearchHit(ParagraphRef ref, List<Span> snippet, float score) {
    public SearchHit {
        snippet = List.copyOf(snippet);
    }
}
