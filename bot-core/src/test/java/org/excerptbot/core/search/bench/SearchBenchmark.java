package org.excerptbot.core.search.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Index build time and query latency of {@link LuceneSearchIndex} over the packaged corpus. Run with
 * {@code bench/search-jmh.sh}; the figures go to docs/benchmarks.md. Not a test: {@code mvn verify} never runs it.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {
    /**
     * A mix of what readers type: phrases, traditional characters, full-width forms, digits, single characters,
     * several terms, a filter, a coinage with a symbol, and searches that find nothing (which compute suggestions).
     */
    static final List<String> QUERIES = List.of(
            "互联互通",
            "網絡主權",
            "命运共同体",
            "\"天下兼相爱则治，交相恶则乱\"",
            "ＧＤＰ",
            "13 亿",
            "网",
            "互联网 治理",
            "in:3 网络主权",
            "同舟共济 零和",
            "互联网＋",
            "网路主权",
            "人工智能");

    private Corpus corpus;
    private LuceneSearchIndex index;
    private List<SearchQuery> queries;
    private int next;

    @Setup
    public void setUp() {
        corpus = CorpusLoader.loadPackaged();
        index = LuceneSearchIndex.build(corpus);
        queries = QUERIES.stream().map(SearchQuery::parse).toList();
    }

    /** Building the whole index (analysis, in-memory index, phrase table) in a warm JVM. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public LuceneSearchIndex build() {
        return LuceneSearchIndex.build(corpus);
    }

    /** One page of 5 hits with snippets (or the suggestions when nothing matches), cycling through the mix. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SearchResult search() {
        SearchQuery q = queries.get(next);
        next = (next + 1) % queries.size();
        return index.search(q, 0, 5);
    }

    /** Autocomplete, as Discord asks for it on every keystroke. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<String> suggest() {
        return index.suggest("网络", LuceneSearchIndex.MAX_SUGGESTIONS);
    }
}
