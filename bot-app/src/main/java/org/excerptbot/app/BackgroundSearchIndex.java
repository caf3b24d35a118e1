package org.excerptbot.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
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
    private final CompletableFuture<SearchIndex> index = new CompletableFuture<>();
    private boolean started;

    BackgroundSearchIndex(Supplier<SearchIndex> build) {
        this.build = build;
    }

    /** Starts building the index on its own thread, unless that has already begun. */
    public synchronized void startBuilding() {
        if (started) return;
        started = true;
        Thread t = new Thread(
                () -> {
                    try {
                        index.complete(build.get());
                    } catch (Throwable e) {
                        index.completeExceptionally(e);
                    }
                },
                "search-index-build");
        t.setDaemon(true);
        t.start();
    }

    private SearchIndex index() {
        startBuilding();
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
