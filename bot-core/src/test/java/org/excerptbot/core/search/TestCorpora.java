package org.excerptbot.core.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.DocumentInfo;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.reply.Span;

/** Small hand-made corpora and helpers for the search tests. */
final class TestCorpora {
    private TestCorpora() {}

    /** A corpus of one document per array of paragraphs; the given positions of document 1 are principles. */
    static Corpus of(List<Integer> principleParagraphs, String[]... documents) {
        List<Document> docs = new ArrayList<>();
        for (int d = 0; d < documents.length; d++) {
            int number = d + 1;
            DocumentInfo info = new DocumentInfo(
                    number,
                    number == 1 ? "speech" : "commentary",
                    "标题" + number,
                    Optional.empty(),
                    "作者",
                    "Title " + number,
                    "Author",
                    "人民日报",
                    LocalDate.of(2015, 12, 17),
                    Optional.empty(),
                    Optional.empty());
            List<Paragraph> body = new ArrayList<>();
            for (int p = 0; p < documents[d].length; p++) {
                body.add(new Paragraph(new ParagraphRef(number, p + 1), documents[d][p], List.of()));
            }
            docs.add(new Document(info, body));
        }
        List<Point> principles = new ArrayList<>();
        for (int p : principleParagraphs) {
            principles.add(new Point(
                    Point.Kind.PRINCIPLE,
                    principles.size() + 1,
                    "原则",
                    docs.get(0).paragraph(p).orElseThrow()));
        }
        return new Corpus(docs, List.of(), principles, List.of());
    }

    /** The positions of the hits, in ranked order. */
    static List<String> positions(SearchResult result) {
        return result.hits().stream().map(h -> h.ref().position()).toList();
    }

    /** The snippet as plain text, matches in 【brackets】. */
    static String marked(SearchHit hit) {
        StringBuilder sb = new StringBuilder();
        for (Span s : hit.snippet()) {
            sb.append(s.style() == Span.Style.MATCH ? "【" + s.text() + "】" : s.text());
        }
        return sb.toString();
    }

    /** The texts of the snippet's MATCH spans. */
    static List<String> matches(SearchHit hit) {
        return hit.snippet().stream()
                .filter(s -> s.style() == Span.Style.MATCH)
                .map(Span::text)
                .toList();
    }
}
