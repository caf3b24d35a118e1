package org.excerptbot.core.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the source text into documents, body paragraphs and sentences, following the manifest.
 *
 * <p>In the source a line that ends a paragraph ends with a space, other line breaks are hard wraps, and a page
 * break shows as a line starting with a space. Wrapped lines are joined with nothing added, page-break spaces are
 * removed, extraction spaces between CJK and digits or Latin letters are removed; all else stays verbatim. Each
 * document is its title, subtitle (if any) and byline, then its body, up to its {@code 来源} line. Errata are
 * applied to the body, never to the source.
 */
public final class CorpusParser {
    private static final String SOURCE_LINE = "来源：";
    private static final Pattern PRINCIPLE = Pattern.compile("——([^。]+)。.*", Pattern.DOTALL);
    private static final String[] ORDINALS = {"第一，", "第二，", "第三，", "第四，", "第五，"};

    private CorpusParser() {}

    /** Parses the text with the manifest's documents and errata. */
    public static Corpus parse(String source, Manifest manifest) {
        List<String> paragraphs = paragraphs(source);
        List<Document> documents = new ArrayList<>();
        int at = 0;
        for (Manifest.Entry entry : manifest.documents()) {
            DocumentInfo info = entry.info();
            at = expect(paragraphs, at, info.title(), info, "title");
            if (info.subtitle().isPresent())
                at = expect(paragraphs, at, info.subtitle().get(), info, "subtitle");
            at = expect(paragraphs, at, info.author(), info, "byline");
            List<String> body = new ArrayList<>();
            while (at < paragraphs.size() && !paragraphs.get(at).startsWith(SOURCE_LINE)) {
                body.add(paragraphs.get(at++));
            }
            if (at == paragraphs.size()) {
                throw new CorpusFormatException("document " + info.number() + " has no " + SOURCE_LINE + " line");
            }
            String sourceLine = paragraphs.get(at++);
            String date = info.published().getYear() + "年" + info.published().getMonthValue() + "月"
                    + info.published().getDayOfMonth() + "日";
            if (!sourceLine.contains(date)) {
                throw new CorpusFormatException("document " + info.number() + ": the source line '" + sourceLine
                        + "' does not carry the manifest's date " + date);
            }
            applyErrata(body, info.number(), manifest.errata());
            documents.add(new Document(info, toParagraphs(info.number(), body)));
        }
        if (at != paragraphs.size()) {
            throw new CorpusFormatException("text after the last document: '" + paragraphs.get(at) + "'");
        }
        Document speech = documents.get(0);
        return new Corpus(documents, manifest.errata(), principles(speech), proposals(speech));
    }

    /** Joins the source's lines into normalised paragraphs. */
    static List<String> paragraphs(String source) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : source.split("\r?\n")) {
            if (raw.isEmpty()) continue;
            String line = raw.stripLeading();
            boolean endsParagraph = line.endsWith(" ");
            current.append(line.stripTrailing());
            if (endsParagraph) {
                out.add(Normaliser.normalise(current.toString()));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) out.add(Normaliser.normalise(current.toString()));
        return out;
    }

    private static int expect(List<String> paragraphs, int at, String expected, DocumentInfo info, String what) {
        if (at >= paragraphs.size() || !paragraphs.get(at).equals(expected)) {
            String found = at < paragraphs.size() ? paragraphs.get(at) : "the end of the text";
            throw new CorpusFormatException("document " + info.number() + ": expected its " + what + " '" + expected
                    + "' but found '" + found + "'");
        }
        return at + 1;
    }

    private static void applyErrata(List<String> body, int document, List<Erratum> errata) {
        for (Erratum erratum : errata) {
            if (erratum.document() != document) continue;
            int index = erratum.paragraph() - 1;
            if (index < 0 || index >= body.size() || !body.get(index).equals(erratum.original())) {
                throw new CorpusFormatException("erratum for " + erratum.ref() + " does not match the text: expected '"
                        + erratum.original() + "'");
            }
            body.set(index, erratum.corrected());
        }
    }

    private static List<Paragraph> toParagraphs(int document, List<String> body) {
        List<Paragraph> out = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            ParagraphRef ref = new ParagraphRef(document, i + 1);
            List<String> texts = SentenceSplitter.split(body.get(i));
            List<Sentence> sentences = new ArrayList<>(texts.size());
            for (int s = 0; s < texts.size(); s++) sentences.add(new Sentence(ref, s + 1, texts.get(s)));
            out.add(new Paragraph(ref, body.get(i), sentences));
        }
        return out;
    }

    private static List<Point> principles(Document speech) {
        List<Point> out = new ArrayList<>();
        for (Paragraph p : speech.body()) {
            var m = PRINCIPLE.matcher(p.text());
            if (m.matches()) out.add(new Point(Point.Kind.PRINCIPLE, out.size() + 1, m.group(1), p));
        }
        if (out.size() != 4) throw new CorpusFormatException("expected 4 principles (——) but found " + out.size());
        return out;
    }

    private static List<Point> proposals(Document speech) {
        List<Point> out = new ArrayList<>();
        for (Paragraph p : speech.body()) {
            String text = p.text();
            if (out.size() < ORDINALS.length && text.startsWith(ORDINALS[out.size()])) {
                int end = text.indexOf('。');
                String name = text.substring(ORDINALS[out.size()].length(), end < 0 ? text.length() : end);
                out.add(new Point(Point.Kind.PROPOSAL, out.size() + 1, name, p));
            }
        }
        if (out.size() != 5) throw new CorpusFormatException("expected 5 proposals (第一，…第五，) but found " + out.size());
        return out;
    }
}
