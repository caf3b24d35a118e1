package org.excerptbot.core.card;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.script.Script;

/**
 * Writes sample cards to a folder, to look at: the four principles, the five proposals, the longest paragraph and
 * the shortest excerpt, in both themes, plus a passage long enough to need several cards, an English citation, and
 * three of them in traditional characters.
 * Run: {@code java -cp <bot-core test class path> org.excerptbot.core.card.CardPreview /tmp/cards}.
 */
public final class CardPreview {
    static final String BOT_NAME = "网络空间摘录 · Excerpt Bot";

    private CardPreview() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/cards");
        Files.createDirectories(dir);
        CardRenderer renderer = new CardRenderer(0);
        for (Map.Entry<String, CardContent> sample :
                samples(CorpusLoader.loadPackaged()).entrySet()) {
            for (Theme theme : Theme.values()) {
                for (Card card : renderer.render(sample.getValue(), theme)) {
                    String name = sample.getKey() + "-" + theme.name().toLowerCase(Locale.ROOT)
                            + (card.count() > 1 ? "-" + card.index() : "") + ".png";
                    try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
                        card.writeTo(out);
                    }
                    System.out.println(dir.resolve(name) + " " + card);
                }
            }
        }
    }

    /** The sample passages, by file name. */
    static Map<String, CardContent> samples(Corpus corpus) {
        Map<String, CardContent> out = new LinkedHashMap<>();
        for (Point p : corpus.principles())
            out.put("principle-" + p.number(), of(corpus, p.paragraph(), Locale.CHINESE));
        for (Point p : corpus.proposals()) out.put("proposal-" + p.number(), of(corpus, p.paragraph(), Locale.CHINESE));
        out.put("longest-paragraph", of(corpus, longestParagraph(corpus), Locale.CHINESE));
        Excerpt shortest = shortestExcerpt(corpus);
        out.put(
                "shortest-excerpt",
                CardContent.of(corpus, shortest, Messages.load().texts(Locale.CHINESE), BOT_NAME));
        out.put("english-citation", of(corpus, corpus.proposals().get(0).paragraph(), Locale.ENGLISH));
        Paragraph longest = longestParagraph(corpus);
        String threeTimes = String.join("", longest.text(), longest.text(), longest.text());
        out.put("split", of(corpus, longest.ref(), threeTimes, Locale.CHINESE));
        var texts = Messages.load().texts(Locale.CHINESE);
        out.put("traditional-proposal-1", out.get("proposal-1").in(Script.TRADITIONAL, texts));
        out.put("traditional-longest-paragraph", out.get("longest-paragraph").in(Script.TRADITIONAL, texts));
        out.put(
                "traditional-english-citation",
                out.get("english-citation")
                        .in(Script.TRADITIONAL, Messages.load().texts(Locale.ENGLISH)));
        return out;
    }

    static Paragraph longestParagraph(Corpus corpus) {
        return corpus.paragraphs()
                .max(Comparator.comparingInt(Paragraph::length))
                .orElseThrow();
    }

    static Excerpt shortestExcerpt(Corpus corpus) {
        List<Excerpt> all = ExcerptPool.build(corpus).all();
        return all.stream().min(Comparator.comparingInt(Excerpt::length)).orElseThrow();
    }

    static CardContent of(Corpus corpus, Paragraph paragraph, Locale locale) {
        return CardContent.of(corpus, paragraph, Messages.load().texts(locale), BOT_NAME);
    }

    static CardContent of(Corpus corpus, ParagraphRef ref, String text, Locale locale) {
        return new CardContent(text, Citations.of(corpus, ref, Messages.load().texts(locale)), BOT_NAME, locale);
    }
}
