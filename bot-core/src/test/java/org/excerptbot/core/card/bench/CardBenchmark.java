package org.excerptbot.core.card.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.card.Card;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.script.Script;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Render time of {@link CardRenderer} in a warm JVM, without its cache: one card per body paragraph of the four
 * texts (layout, painting and PNG encoding), and the heap that 100 cached renders keep; for each script (one of them
 * alone with {@code -p script=TRADITIONAL}). Not a test: {@code mvn
 * verify} never runs it. Run it from the repository's root as {@code bench/search-jmh.sh} runs its own:
 *
 * <pre>{@code
 * mvn -B -q -pl bot-core -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
 * java -cp "bot-core/target/test-classes:bot-core/target/classes:$(cat bot-core/target/jmh.classpath)" \
 *     org.openjdk.jmh.Main org.excerptbot.core.card.bench.CardBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CardBenchmark {
    static final String BOT_NAME = "网络空间摘录 · Excerpt Bot";

    /** The characters the cards are drawn in: as written, or converted for a traditional chat. */
    @Param({"SIMPLIFIED", "TRADITIONAL"})
    public Script script;

    private List<CardContent> paragraphs;
    private List<CardContent> hundred;
    private CardRenderer renderer;
    private int next;

    @Setup
    public void setUp() {
        Corpus corpus = CorpusLoader.loadPackaged();
        Texts texts = Messages.load().texts(Locale.CHINESE);
        paragraphs = corpus.paragraphs()
                .map(p -> content(corpus, p.ref(), p.text(), texts).in(script, texts))
                .toList();
        List<CardContent> all = new ArrayList<>(paragraphs);
        ExcerptPool.build(corpus)
                .all()
                .forEach(e -> all.add(content(corpus, e.ref(), e.text(), texts).in(script, texts)));
        hundred = all.subList(0, 100);
        renderer = new CardRenderer(0);
    }

    private static CardContent content(Corpus corpus, ParagraphRef ref, String text, Texts texts) {
        return new CardContent(text, Citations.of(corpus, ref, texts), BOT_NAME, Locale.CHINESE);
    }

    /** One paragraph's cards, cycling through the paragraphs and the two themes. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Card> renderParagraph() {
        CardContent content = paragraphs.get(next % paragraphs.size());
        Theme theme = (next / paragraphs.size()) % 2 == 0 ? Theme.LIGHT : Theme.DARK;
        next++;
        return renderer.render(content, theme);
    }

    /** Prints the heap that a renderer caching 100 different passages' cards keeps. */
    @TearDown(Level.Trial)
    public void heapOfHundredRenders() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        CardRenderer cached = new CardRenderer(100);
        long pngBytes = 0;
        for (CardContent content : hundred) {
            for (Card card : cached.render(content, Theme.LIGHT)) pngBytes += card.size();
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
                "%n100 cached renders: %.1f MB of PNG, heap kept %.1f MB%n", pngBytes / 1e6, (after - before) / 1e6);
        if (cached.render(hundred.get(0), Theme.LIGHT).isEmpty()) throw new IllegalStateException("no card");
    }
}
