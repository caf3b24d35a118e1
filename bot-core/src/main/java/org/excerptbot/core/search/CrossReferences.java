package org.excerptbot.core.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;

/**
 * Which commentary paragraphs discuss each of the speech's principles and proposals, and back: derived from the
 * texts with Lucene's {@link MoreLikeThis} over the search analyzer. The query of a point is its name and its
 * paragraph, cut into bigrams (the key phrases; single characters say too little), less the bigrams most commentary
 * paragraphs share. A commentary paragraph is linked when it scores at least {@value #SHARE_OF_BEST} of the best
 * paragraph's score, at most {@value #MAX_LINKS} of them. Deterministic: the same texts give the same links.
 */
public final class CrossReferences {
    /** The most commentary paragraphs listed for one point. */
    public static final int MAX_LINKS = 5;
    /** A paragraph is linked when its score is at least this share of the best one's. */
    static final double SHARE_OF_BEST = 0.5;
    /** Bigrams in more than this share of the commentary paragraphs are too common to tell them apart. */
    private static final float MAX_DOC_FREQ_SHARE = 0.25f;

    /** The most paragraphs linked for being like the point's paragraph (rather than quoting its name). */
    private static final int MAX_ALIKE = 2;

    private static final Pattern NAME_PUNCTUATION = Pattern.compile("[，、；,;\\s]+");
    private static final String BODY = "body";

    private final Map<Point, List<ParagraphRef>> commentaries;
    private final Map<ParagraphRef, List<Point>> points;

    private CrossReferences(Map<Point, List<ParagraphRef>> commentaries, Map<ParagraphRef, List<Point>> points) {
        this.commentaries = commentaries;
        this.points = points;
    }

    /** Derives the links of every principle and proposal of the corpus. */
    public static CrossReferences derive(Corpus corpus) {
        Objects.requireNonNull(corpus, "corpus");
        List<Paragraph> commentary = corpus.documents().stream()
                .filter(d -> d.info().kind().equals("commentary"))
                .flatMap(d -> d.body().stream())
                .toList();
        Map<Point, List<ParagraphRef>> forward = new LinkedHashMap<>();
        Map<ParagraphRef, List<Point>> back = new TreeMap<>();
        try (Analyzer analyzer = new CorpusAnalyzer();
                ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < commentary.size(); i++) {
                    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
                    doc.add(new TextField(BODY, commentary.get(i).text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryBuilder phrases = new QueryBuilder(analyzer);
                MoreLikeThis mlt = new MoreLikeThis(reader);
                mlt.setAnalyzer(analyzer);
                mlt.setFieldNames(new String[] {BODY});
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(1);
                mlt.setMinWordLen(2);
                mlt.setMaxDocFreqPct(Math.max(1, Math.round(MAX_DOC_FREQ_SHARE * 100)));
                mlt.setBoost(true);
                for (Point point : Stream.concat(corpus.principles().stream(), corpus.proposals().stream())
                        .toList()) {
                    Set<Integer> linked = new LinkedHashSet<>();
                    ScoreDoc[] alike = searcher.search(
                                    mlt.like(
                                            BODY,
                                            new StringReader(point.paragraph().text())),
                                    MAX_ALIKE)
                            .scoreDocs;
                    for (ScoreDoc hit : alike) {
                        if (hit.score >= SHARE_OF_BEST * alike[0].score) linked.add(hit.doc);
                    }
                    Query quoting = quoting(phrases, point);
                    if (quoting != null) {
                        for (ScoreDoc hit : searcher.search(quoting, MAX_LINKS).scoreDocs) linked.add(hit.doc);
                    }
                    List<ParagraphRef> refs = linked.stream()
                            .limit(MAX_LINKS)
                            .map(doc -> commentary.get(doc).ref())
                            .sorted()
                            .toList();
                    forward.put(point, refs);
                    for (ParagraphRef ref : refs)
                        back.computeIfAbsent(ref, r -> new ArrayList<>()).add(point);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cross-references: the in-memory index failed", e);
        }
        Map<ParagraphRef, List<Point>> backCopy = new TreeMap<>();
        back.forEach((ref, list) -> backCopy.put(ref, List.copyOf(list)));
        return new CrossReferences(Collections.unmodifiableMap(forward), Collections.unmodifiableMap(backCopy));
    }

    /** Any of the phrases of the point's name quoted exactly; null when the name has no phrase to quote. */
    private static Query quoting(QueryBuilder phrases, Point point) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int clauses = 0;
        for (String phrase : NAME_PUNCTUATION.split(point.name())) {
            Query quoted = phrases.createPhraseQuery(BODY, phrase);
            if (quoted == null) continue;
            query.add(quoted, BooleanClause.Occur.SHOULD);
            clauses++;
        }
        return clauses == 0 ? null : query.build();
    }

    /** The commentary paragraphs that discuss a point, the closest first; empty for a point of another corpus. */
    public List<ParagraphRef> commentariesOf(Point point) {
        return commentaries.getOrDefault(point, List.of());
    }

    /** The principles and proposals a commentary paragraph discusses, principles first; empty when none. */
    public List<Point> pointsOf(ParagraphRef commentary) {
        return points.getOrDefault(commentary, List.of());
    }

    /** The point a paragraph states, if it states one. */
    public Optional<Point> pointAt(ParagraphRef ref) {
        return commentaries.keySet().stream()
                .filter(p -> p.paragraph().ref().equals(ref))
                .findFirst();
    }
}
