package org.excerptbot.app;

import java.util.List;
import java.util.function.Supplier;
import org.excerptbot.core.concurrent.Background;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;

/**
 * A search index built on a thread of its own when it is first needed: the first search (or inline query) starts
 * the build unless {@link #startBuilding()} has, and waits for it. The bot process leaves the build to the first
 * search, so that its CPU (Lucene and the traditional-to-simplified dictionary) does not compete with the first
 * replies at start-up, and a bot nobody searches never holds the index; the console starts it once its first
 * command is answered.
 */
public final class BackgroundSearchIndex implements SearchIndex {
    private final Background<SearchIndex> index;

    BackgroundSearchIndex(Supplier<SearchIndex> build) {
        this.index = Background.of("search-index", build);
    }

    /** Starts building the index on its own thread, unless that has already begun. */
    public void startBuilding() {
        index.start();
    }

    @Override
    public SearchResult search(SearchQuery query, int offset, int limit) {
        return index.get().search(query, offset, limit);
    }

    @Override
    public List<String> suggest(String typed, int limit) {
        return index.get().suggest(typed, limit);
    }
}
