package org.excerptbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /card in the console: the card is written as a PNG into the data directory and its path printed. */
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
}
