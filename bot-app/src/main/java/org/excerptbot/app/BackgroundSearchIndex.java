package org.excerptbot.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;

/**
 * A search index built on a background thread: {@link #startBuilding()} starts the build (the wiring calls it once
 * start-up is over, so that the build does not compete with the first replies for the CPU), and the first search
 * starts it if nobody has, then waits for it.
 */
public final class BackgroundSearchIndex implements SearchIndex {
    private final Supplier<SearchIndex> build;
    private CompletableFuture<SearchIndex> index; // null until the build starts

    BackgroundSearchIndex(Supplier<SearchIndex> build) {
        this.build = build;
    }

    /** Starts building the index on its own thread, unless that has already begun. */
    public void startBuilding() {
        building();
    }

    private synchronized CompletableFuture<SearchIndex> building() {
        if (index == null) {
            index = CompletableFuture.supplyAsync(build, task -> DaemonThreads.named("search-index-build")
                    .newThread(task)
                    .start());
        }
        return index;
    }

    private SearchIndex index() {
        try {
            return building().join();
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
