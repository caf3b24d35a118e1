package org.excerptbot.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;

/**
 * Builds a search index on a background thread so that start-up does not wait for it; the first search waits for
 * the build if it is still running.
 */
final class BackgroundSearchIndex implements SearchIndex {
    private final CompletableFuture<SearchIndex> index;

    BackgroundSearchIndex(Supplier<SearchIndex> build) {
        this.index = CompletableFuture.supplyAsync(build, runnable -> {
            Thread t = new Thread(runnable, "search-index-build");
            t.setDaemon(true);
            t.start();
        });
    }

    private SearchIndex index() {
        try {
            return index.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the search index could not be built", e.getCause());
        }
    }

    @Override
    public SearchResult search(SearchQuery query, int offset, int limit) {
        return index().search(query, offset, limit);
    }

    @Override
    public List<String> suggest(String typed, int limit) {
        return index().suggest(typed, limit);
    }
}
