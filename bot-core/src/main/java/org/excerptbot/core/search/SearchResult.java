package org.excerptbot.core.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many paragraphs match in all
 * @param hits the page asked for, best first
 * @param suggestions when nothing matches: nearby terms that do occur in the texts
 */
public record SearchResult(int total, List<SearchHit> hits, List<String> suggestions) {
    public SearchResult {
        hits = List.copyOf(hits);
        suggestions = List.copyOf(suggestions);
    }

    public static SearchResult empty(List<String> suggestions) {
        return new SearchResult(0, List.of(), suggestions);
    }
}
