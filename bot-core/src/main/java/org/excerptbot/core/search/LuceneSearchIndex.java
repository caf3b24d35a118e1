package org.excerptbot.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search of the corpus with Apache Lucene: an in-memory index of the body paragraphs, built once at start.
 *
 * <ul>
 *   <li>Text is folded on both sides (NFKC, lower case, traditional to simplified by opencc4j), cut into CJK
 *       unigrams plus bigrams; a run of Chinese characters is an exact phrase, several terms must all match, a
 *       single character works, {@code 13 亿} is {@code 13亿}.
 *   <li>Ranked by BM25; ties go to the principles and proposals, then to shorter paragraphs, then to reading order.
 *   <li>Snippets come from Lucene's {@link UnifiedHighlighter} (the match offsets) cut to the sentences around them.
 *   <li>Nothing found: the nearest corpus terms by edit distance, or the documents where the search does match.
 * </ul>
 *
 * Immutable after {@link #build(Corpus)} and safe for any number of threads.
 */
public final class LuceneSearchIndex implements SearchIndex {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchIndex.class);

    static final String BODY = "body";
    private static final String DOC = "doc";
    private static final String POINT = "point";
    private static final String LENGTH = "length";
    private static final String ORD = "ord";
    /** The paragraph's ordinal again, as a point: to keep only the paragraphs that contain a term literally. */
    private static final String ORD_POINT = "ord_point";

    /** Most suggestions offered for autocomplete, the limit of Discord. */
    public static final int MAX_SUGGESTIONS = 25;
    /** Most alternatives offered when nothing matches. */
    static final int MAX_ALTERNATIVES = 5;

    private static final Sort RANKING = new Sort(
            SortField.FIELD_SCORE,
            new SortField(POINT, SortField.Type.INT),
            new SortField(LENGTH, SortField.Type.INT),
            new SortField(ORD, SortField.Type.INT));

    private final List<Paragraph> paragraphs;
    /** The folded text of each paragraph, by ordinal, for terms that must match literally. */
    private final List<String> folded;

    private final int documents;
    private final IndexSearcher searcher;
    private final MatchHighlighter highlighter;
    private final PhraseQueries phraseQueries;
    private final Phrases phrases;

    private LuceneSearchIndex(
            List<Paragraph> paragraphs, int documents, IndexSearcher searcher, Analyzer analyzer, Phrases phrases) {
        this.paragraphs = paragraphs;
        this.folded = paragraphs.stream().map(p -> TextFolding.fold(p.text())).toList();
        this.documents = documents;
        this.searcher = searcher;
        this.phrases = phrases;
        this.phraseQueries = new PhraseQueries(analyzer, BODY);
        this.highlighter = new MatchHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withBreakIterator(WholeBreakIterator::new)
                .withFormatter(new MatchOffsets())
                .withScorer(new OnePassage())
                .withMaxNoHighlightPassages(0)
                .withWeightMatches(true));
    }

    /** Indexes every body paragraph of the corpus in memory. */
    public static LuceneSearchIndex build(Corpus corpus) {
        Objects.requireNonNull(corpus, "corpus");
        long started = System.nanoTime();
        List<Paragraph> paragraphs = corpus.paragraphs().toList();
        Set<ParagraphRef> points = new HashSet<>();
        for (Point p : corpus.principles()) points.add(p.paragraph().ref());
        for (Point p : corpus.proposals()) points.add(p.paragraph().ref());
        Analyzer analyzer = new CorpusAnalyzer();
        FieldType body = new FieldType();
        body.setTokenized(true);
        body.setStored(true);
        body.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        body.freeze();
        // One buffer per file: cloning an input (for every term lookup) is then cheap.
        ByteBuffersDirectory directory = new ByteBuffersDirectory(
                new SingleInstanceLockFactory(), ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        try {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int ord = 0; ord < paragraphs.size(); ord++) {
                    Paragraph p = paragraphs.get(ord);
                    Document doc = new Document();
                    doc.add(new Field(BODY, p.text(), body));
                    doc.add(new StringField(DOC, Integer.toString(p.ref().document()), Field.Store.NO));
                    doc.add(new NumericDocValuesField(POINT, points.contains(p.ref()) ? 0 : 1));
                    doc.add(new NumericDocValuesField(LENGTH, p.length()));
                    doc.add(new NumericDocValuesField(ORD, ord));
                    doc.add(new IntPoint(ORD_POINT, ord));
                    writer.addDocument(doc);
                }
            }
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            LuceneSearchIndex index = new LuceneSearchIndex(
                    paragraphs, corpus.documents().size(), searcher, analyzer, Phrases.of(paragraphs));
            LOG.info(
                    "Search index built: {} paragraphs in {} ms",
                    paragraphs.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory search index", e);
        }
    }

    @Override
    public SearchResult search(SearchQuery query, int offset, int limit) {
        Objects.requireNonNull(query, "query");
        if (offset < 0) throw new IllegalArgumentException("offset: must not be negative, was " + offset);
        if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
        List<String> terms = QueryTerms.parse(query.text());
        List<Query> clauses = clauses(terms);
        if (clauses.isEmpty()) return SearchResult.empty(List.of());
        Query body = all(clauses);
        try {
            TopFieldDocs top = ranked(withDocument(body, query.document()), (long) offset + limit);
            int total = (int) top.totalHits.value;
            if (total == 0) return SearchResult.empty(alternatives(query, terms, clauses));
            ScoreDoc[] page = top.scoreDocs;
            int from = Math.min(offset, page.length);
            int[] docIds = new int[page.length - from];
            for (int i = from; i < page.length; i++) docIds[i - from] = page[i].doc;
            Object[] marked = docIds.length == 0 ? new Object[0] : highlighter.matchOffsets(body, docIds);
            List<SearchHit> hits = new ArrayList<>(docIds.length);
            for (int i = from; i < page.length; i++) {
                FieldDoc doc = (FieldDoc) page[i];
                Paragraph p = paragraph(doc);
                int[] matches = marked[i - from] instanceof int[] o ? o : new int[0];
                hits.add(new SearchHit(
                        p.ref(), Snippets.snippet(p.text(), matches), ((Number) doc.fields[0]).floatValue()));
            }
            return new SearchResult(total, hits, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index", e);
        }
    }

    /** Every paragraph the query matches, in ranked order, without snippets: for tests that check recall. */
    List<ParagraphRef> allMatches(SearchQuery query) {
        List<Query> clauses = clauses(QueryTerms.parse(query.text()));
        if (clauses.isEmpty()) return List.of();
        try {
            List<ParagraphRef> refs = new ArrayList<>();
            for (ScoreDoc doc : ranked(withDocument(all(clauses), query.document()), paragraphs.size()).scoreDocs) {
                refs.add(paragraph((FieldDoc) doc).ref());
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index", e);
        }
    }

    private List<Query> clauses(List<String> terms) {
        List<Query> clauses = new ArrayList<>();
        for (String term : terms)
            phraseQueries.exact(term).map(q -> literally(q, term)).ifPresent(clauses::add);
        return clauses;
    }

    /**
     * The phrase query of a term, kept to the paragraphs that contain the term literally when its symbols are part of
     * it ({@link SymbolTerms}): the phrase still ranks and marks the match.
     */
    private Query literally(Query phrase, String term) {
        Optional<String> literal = SymbolTerms.literal(term);
        if (literal.isEmpty()) return phrase;
        int[] containing = IntStream.range(0, folded.size())
                .filter(ord -> folded.get(ord).contains(literal.get()))
                .toArray();
        return new BooleanQuery.Builder()
                .add(phrase, BooleanClause.Occur.MUST)
                .add(IntPoint.newSetQuery(ORD_POINT, containing), BooleanClause.Occur.FILTER)
                .build();
    }

    /** The best {@code wanted} hits by {@link #RANKING}, with an exact total. */
    private TopFieldDocs ranked(Query query, long wanted) throws IOException {
        int n = (int) Math.max(1, Math.min(wanted, paragraphs.size()));
        return searcher.search(query, new TopFieldCollectorManager(RANKING, n, null, Integer.MAX_VALUE));
    }

    private Paragraph paragraph(FieldDoc doc) {
        return paragraphs.get(((Number) doc.fields[3]).intValue());
    }

    @Override
    public List<String> suggest(String typed, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit: must not be negative, was " + limit);
        SearchQuery query = SearchQuery.parse(typed == null ? "" : typed);
        List<String> terms = QueryTerms.parse(query.text()).stream()
                .map(t -> t.replaceAll("\\s+", ""))
                .toList();
        int most = Math.min(limit, MAX_SUGGESTIONS);
        List<String> found = phrases.complete(terms, query.document(), most);
        if (found.isEmpty() && terms.size() == 1 && query.document().isEmpty())
            found = phrases.nearest(terms.get(0), most);
        String prefix = query.document().map(d -> "in:" + d + " ").orElse("");
        return found.stream().map(s -> prefix + s).toList();
    }

    /**
     * What to offer when nothing matches: the documents where the search does match, if a filter hid it; else the
     * terms that match alone, if only their combination fails; else the corpus terms nearest to those that fail.
     */
    private List<String> alternatives(SearchQuery query, List<String> terms, List<Query> clauses) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        if (query.document().isPresent()) {
            for (int d = 1; d <= documents; d++) {
                if (searcher.count(withDocument(all(clauses), Optional.of(d))) > 0) {
                    out.add(new SearchQuery(query.text(), Optional.of(d)).asTyped());
                }
            }
        }
        List<String> failing = new ArrayList<>();
        for (String term : terms) {
            Optional<Query> q = phraseQueries.exact(term);
            if (q.isEmpty()) continue;
            if (searcher.count(q.get()) == 0) failing.add(term);
            else if (query.document().isEmpty() && terms.size() > 1) out.add(term);
        }
        for (String term : failing) {
            for (String near : phrases.nearest(term.replaceAll("\\s+", ""), MAX_ALTERNATIVES)) {
                if (out.size() < MAX_ALTERNATIVES) out.add(near);
            }
        }
        return out.stream().limit(MAX_ALTERNATIVES).toList();
    }

    private static Query all(List<Query> clauses) {
        if (clauses.size() == 1) return clauses.get(0);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Query q : clauses) all.add(q, BooleanClause.Occur.MUST);
        return all.build();
    }

    private static Query withDocument(Query body, Optional<Integer> document) {
        if (document.isEmpty()) return body;
        return new BooleanQuery.Builder()
                .add(body, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(DOC, document.get().toString())), BooleanClause.Occur.FILTER)
                .build();
    }

    /** The unified highlighter, asked for one whole-paragraph passage per hit, formatted as match offsets. */
    private static final class MatchHighlighter extends UnifiedHighlighter {
        MatchHighlighter(Builder builder) {
            super(builder);
        }

        /** For each doc id, in order, the {@link MatchOffsets} of its body. */
        Object[] matchOffsets(Query query, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(new String[] {BODY}, query, docIds, new int[] {1})
                    .get(BODY);
        }
    }

    /** The one whole-paragraph passage needs no BM25 passage score (which costs a hash table per passage). */
    private static final class OnePassage extends PassageScorer {
        @Override
        public float score(Passage passage, int contentLength) {
            return passage.getNumMatches();
        }
    }

    /** Collects the highlighter's match offsets as sorted, merged {@code [start, end)} pairs. */
    private static final class MatchOffsets extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<int[]> ranges = new ArrayList<>();
            for (Passage passage : passages) {
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    ranges.add(new int[] {passage.getMatchStarts()[i], passage.getMatchEnds()[i]});
                }
            }
            ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            List<int[]> merged = new ArrayList<>();
            for (int[] r : ranges) {
                int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
                else merged.add(r);
            }
            int[] flat = new int[merged.size() * 2];
            for (int i = 0; i < merged.size(); i++) {
                flat[2 * i] = merged.get(i)[0];
                flat[2 * i + 1] = merged.get(i)[1];
            }
            return flat;
        }
    }
}
