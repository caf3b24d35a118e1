package org.excerptbot.core.excerpt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.Sentence;

/**
 * The excerpts, in reading order: sentences or short runs of whole sentences of about {@value #MIN} to
 * {@value #MAX} characters. Salutations and closings are left out, as are paragraphs too short to stand alone.
 */
public final class ExcerptPool {
    static final int MIN = 40;
    static final int MAX = 220;
    private static final Pattern CEREMONIAL = Pattern.compile("^(尊敬的|各位嘉宾、各位朋友|最后，预祝|谢谢大家).*", Pattern.DOTALL);

    private final List<Excerpt> excerpts;
    private final Map<String, Excerpt> byId;

    private ExcerptPool(List<Excerpt> excerpts) {
        this.excerpts = List.copyOf(excerpts);
        Map<String, Excerpt> map = new LinkedHashMap<>();
        for (Excerpt e : excerpts) map.put(e.id(), e);
        this.byId = map;
    }

    /** Cuts the corpus into excerpts. Deterministic: the same text always gives the same ids. */
    public static ExcerptPool build(Corpus corpus) {
        List<Excerpt> out = new ArrayList<>();
        corpus.paragraphs().forEach(p -> {
            if (!isCeremonial(p) && p.length() >= MIN) out.addAll(cut(p));
        });
        return new ExcerptPool(out);
    }

    /** True for salutations and closings, which are never excerpts. */
    public static boolean isCeremonial(Paragraph paragraph) {
        return CEREMONIAL.matcher(paragraph.text()).matches();
    }

    private static List<Excerpt> cut(Paragraph p) {
        List<List<Sentence>> runs = new ArrayList<>();
        List<Sentence> run = new ArrayList<>();
        int runLength = 0;
        for (Sentence s : p.sentences()) {
            int len = length(s.text());
            if (!run.isEmpty() && (runLength >= MIN || runLength + len > MAX)) {
                runs.add(run);
                run = new ArrayList<>();
                runLength = 0;
            }
            run.add(s);
            runLength += len;
        }
        if (runLength < MIN && !runs.isEmpty() && lengthOf(runs.get(runs.size() - 1)) + runLength <= MAX) {
            runs.get(runs.size() - 1).addAll(run);
        } else {
            runs.add(run);
        }
        List<Excerpt> out = new ArrayList<>(runs.size());
        for (List<Sentence> r : runs) {
            int first = r.get(0).index();
            int lastIndex = r.get(r.size() - 1).index();
            String id = p.ref().position() + "." + first + (lastIndex == first ? "" : "-" + lastIndex);
            StringBuilder text = new StringBuilder();
            r.forEach(s -> text.append(s.text()));
            out.add(new Excerpt(id, p.ref(), first, lastIndex, text.toString()));
        }
        return out;
    }

    private static int lengthOf(List<Sentence> run) {
        return run.stream().mapToInt(s -> length(s.text())).sum();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Every excerpt in reading order. */
    public List<Excerpt> all() {
        return excerpts;
    }

    public int size() {
        return excerpts.size();
    }

    /** The excerpt at an index of {@link #all()}. */
    public Excerpt get(int index) {
        return excerpts.get(index);
    }

    public Optional<Excerpt> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The index of an excerpt in reading order, or -1. */
    public int indexOf(String id) {
        Excerpt e = byId.get(id);
        return e == null ? -1 : excerpts.indexOf(e);
    }
}
