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
 * A search index built on a thread of its own when it is first needed: the first search (or inline query) starts
 * the build unless {@link #startBuilding()} has, and waits for it. The bot process leaves the build to the first
 * search, so that its CPU (Lucene and the traditional-to-simplified dictionary) does not compete with the first
 * replies at start-up, and a bot nobody searches never holds the index; the console starts it once its first
 * command is answered.
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
