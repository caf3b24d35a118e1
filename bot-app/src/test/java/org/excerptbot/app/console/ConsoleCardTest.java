package org.excerptbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.script.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /card in the console: the card is written as a PNG into the data directory and its path printed; after
 * {@code /script traditional} it, and the daily card post, are drawn in traditional characters.
 */
class ConsoleCardTest {
    private static final Pattern SAVED = Pattern.compile("卡片已保存：(\\S+\\.png)");

    @TempDir
    Path data;

    private AppConfig config() {
        return ConfigLoader.load(
                Map.of("data-dir", data.toString(), "timezone", "Asia/Shanghai"), Map.of(), Optional.empty());
    }

    @Test
    void card_writes_a_readable_png_into_the_data_directory_and_prints_its_path() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2027-05-02T00:00:00Z"), ZoneOffset.UTC);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (BotRuntime runtime = BotRuntime.open(config(), clock)) {
            PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            ConsoleSession session = new ConsoleSession(
                    runtime.core().dispatcher(),
                    runtime.core().messages().texts(Locale.CHINA),
                    out,
                    false,
                    false,
                    Optional.of(data.resolve("cards")));
            session.handle("/card 1.11");
            session.handle("/card 1 11");
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        String paragraph = org.excerptbot.core.corpus.CorpusLoader.loadPackaged()
                .paragraph(new ParagraphRef(1, 11))
                .orElseThrow()
                .text();
        assertThat(printed).contains(paragraph);
        Matcher m = SAVED.matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        Path file = Path.of(m.group(1));
        assertThat(file).startsWith(data.resolve("cards").toAbsolutePath());
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1080);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(1080);
        // the same card again is the same file
        assertThat(m.find()).isTrue();
        assertThat(Path.of(m.group(1))).isEqualTo(file);
        try (var files = Files.list(data.resolve("cards"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    /** 07:00 in Shanghai. */
    private static final Clock SEVEN = Clock.fixed(Instant.parse("2027-05-01T23:00:00Z"), ZoneOffset.UTC);
    /** 08:00 in Shanghai, the 07:30 post due. */
    private static final Clock EIGHT = Clock.fixed(Instant.parse("2027-05-02T00:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /** A session writing its cards into the data directory and its text into {@link #buffer}. */
    private ConsoleSession session(BotRuntime runtime) {
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Texts texts = runtime.core().messages().texts(Locale.CHINA);
        return new ConsoleSession(
                runtime.core().dispatcher(), texts, out, false, false, Optional.of(data.resolve("cards")));
    }

    private String answer(ConsoleSession session, String line) {
        buffer.reset();
        session.handle(line);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static byte[] saved(String printed) throws IOException {
        Matcher m = SAVED.matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        return Files.readAllBytes(Path.of(m.group(1)));
    }

    private static byte[] card(CardContent simplified, Texts texts) {
        return new CardRenderer(0)
                .render(simplified.in(Script.TRADITIONAL, texts), Theme.LIGHT)
                .get(0)
                .png();
    }

    @Test
    void after_script_traditional_card_writes_the_traditional_card() throws IOException {
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            ConsoleSession session = session(runtime);
            Corpus corpus = runtime.core().corpus();
            Texts texts = runtime.core().messages().texts(Locale.CHINA);
            CardContent simplified = CardContent.of(
                    corpus, corpus.paragraph(new ParagraphRef(1, 11)).orElseThrow(), texts, "摘录机器人");
            byte[] before = saved(answer(session, "/card 1.11"));
            answer(session, "/script traditional");
            String printed = answer(session, "/card 1.11");
            assertThat(printed).contains("網絡空間，不應成為各國角力的戰場").contains("（繁體轉換）");
            byte[] after = saved(printed);
            assertThat(after).isEqualTo(card(simplified, texts)).isNotEqualTo(before);
        }
    }

    @Test
    void the_daily_card_post_of_a_traditional_chat_carries_the_traditional_card() throws IOException {
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            ConsoleSession session = session(runtime);
            answer(session, "/subscribe 07:30 card");
            answer(session, "/script traditional");
        }
        try (BotRuntime runtime = BotRuntime.open(config(), EIGHT)) {
            Corpus corpus = runtime.core().corpus();
            Texts texts = runtime.core().messages().texts(Locale.CHINA);
            Excerpt today = runtime.core().rotation().excerptFor(LocalDate.of(2027, 5, 2));
            ConsoleSession session = session(runtime);
            buffer.reset();
            runtime.startPosts(List.of(new ConsoleMessenger(session)));
            await().atMost(Duration.ofSeconds(30)).until(() -> SAVED.matcher(buffer.toString(StandardCharsets.UTF_8))
                    .find());
            byte[] posted = saved(buffer.toString(StandardCharsets.UTF_8));
            assertThat(posted).isEqualTo(card(CardContent.of(corpus, today, texts, "摘录机器人"), texts));
        }
    }
}
