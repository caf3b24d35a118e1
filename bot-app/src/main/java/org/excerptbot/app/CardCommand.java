package org.excerptbot.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.core.card.Card;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.script.Script;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Renders a quote card to a file, without a platform, a database or the network. */
@Command(
        name = "card",
        mixinStandardHelpOptions = true,
        description = "Render a paragraph (1.11 or 1 11), or today's excerpt, as a PNG quote card.")
final class CardCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            arity = "0..2",
            paramLabel = "POSITION",
            description = "Document and paragraph: 1.11 or 1 11 (default: today's excerpt in the instance's zone).")
    List<String> position = new ArrayList<>();

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The PNG file; a passage too long for one card gives FILE-2-of-3.png and so on.")
    Path out;

    @Option(
            names = "--theme",
            paramLabel = "light|dark",
            defaultValue = "light",
            description = "The colours (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--lang", paramLabel = "zh|en", description = "The citation's language (default: the console's).")
    String lang;

    @Option(
            names = "--script",
            paramLabel = "simplified|traditional",
            defaultValue = "simplified",
            description = "The characters the card is drawn in (default: ${DEFAULT-VALUE}).")
    String script;

    @Override
    public Integer call() throws IOException {
        AppConfig config = main.config();
        Theme colours = theme();
        Script characters = Script.parse(script)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "--script: must be simplified or traditional, was '" + script + "'"));
        Corpus corpus = CorpusLoader.loadPackaged();
        Locale locale = lang == null ? config.language() : Messages.localeOf(lang);
        Texts texts = Messages.load().texts(locale);
        String botName = texts.get("card.bot.name");
        CardContent content = paragraph(corpus)
                .map(p -> CardContent.of(corpus, p, texts, botName))
                .orElseGet(() -> CardContent.of(
                        corpus,
                        new DailyRotation(ExcerptPool.build(corpus), config.seed())
                                .excerptFor(LocalDate.now(config.zone())),
                        texts,
                        botName));
        List<Card> cards = new CardRenderer(0).render(content.in(characters, texts), colours);
        for (Card card : cards) {
            Path file = fileFor(card);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream os = Files.newOutputStream(file)) {
                card.writeTo(os);
            }
            System.out.println(file + "\t" + card.width() + "x" + card.height() + "\t" + card.size() + " bytes");
        }
        System.out.flush();
        return 0;
    }

    private Theme theme() {
        return switch (theme.toLowerCase(Locale.ROOT)) {
            case "light" -> Theme.LIGHT;
            case "dark" -> Theme.DARK;
            default -> throw new CommandLine.ParameterException(
                    spec.commandLine(), "--theme: must be light or dark, was '" + theme + "'");
        };
    }

    /** The paragraph the arguments name; empty for none (today's excerpt). */
    private Optional<Paragraph> paragraph(Corpus corpus) {
        if (position.isEmpty()) return Optional.empty();
        String typed = String.join(".", position);
        Optional<ParagraphRef> ref = ParagraphRef.parse(typed);
        if (ref.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "POSITION: must be document.paragraph such as 1.11, was '" + typed + "'");
        }
        Optional<Paragraph> paragraph = corpus.paragraph(ref.get());
        if (paragraph.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "POSITION: there is no paragraph " + ref.get().position() + " (documents 1-"
                            + corpus.documents().size() + "; see /docs)");
        }
        return paragraph;
    }

    /** FILE for a single card; FILE's name with -2-of-3 before .png in a set. */
    private Path fileFor(Card card) {
        if (card.count() == 1) return out;
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + "-" + card.index() + "-of-" + card.count() + ".png");
    }
}
