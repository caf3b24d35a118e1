package org.excerptbot.core.search;

import java.util.List;

/** The one search interface: it serves /search, Telegram inline mode and Discord autocomplete. Thread-safe. */
public interface SearchIndex {
    /**
     * Finds the body paragraphs that match every term of the query.
     *
     * @param offset how many hits to skip, from 0
     * @param limit the most hits to return
     */
    SearchResult search(SearchQuery query, int offset, int limit);

    /** Up to {@code limit} phrases of the corpus that match what has been typed so far, for autocomplete. */
    List<String> suggest(String typed, int limit);
}
