package org.excerptbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code card} subcommand: renders a card to a file without a platform or a database. */
class CardCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--set";
            all[1] = "data-dir=" + dir.resolve("data");
            System.arraycopy(args, 0, all, 2, args.length);
            int code = new CommandLine(new Main()).execute(all);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aParagraphRendersToAReadablePngInEitherTheme() throws IOException {
        Path light = dir.resolve("light.png");
        Path dark = dir.resolve("out/dark.png");
        Run first = run("card", "1.11", "--out", light.toString());
        Run second = run("card", "1", "11", "--out", dark.toString(), "--theme", "dark");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(first.out()).startsWith(light + "\t1080x");
        BufferedImage l = ImageIO.read(light.toFile());
        BufferedImage d = ImageIO.read(dark.toFile());
        assertThat(l.getWidth()).isEqualTo(1080).isEqualTo(d.getWidth());
        assertThat(l.getHeight()).isEqualTo(d.getHeight());
        // the paper of the light theme, the ground of the dark one
        assertThat(l.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xF8F4EC);
        assertThat(d.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0x17191E);
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void noPositionRendersTodaysExcerpt() throws IOException {
        Path file = dir.resolve("today.png");
        Run r = run("card", "--out", file.toString(), "--lang", "en");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(1080);
    }

    @Test
    void aBadPositionOrThemeIsAShortErrorAndNoFile() {
        Path file = dir.resolve("x.png");
        Run missing = run("card", "9.1", "--out", file.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("there is no paragraph 9.1").doesNotContain("Exception");
        Run bad = run("card", "abc", "--out", file.toString());
        assertThat(bad.err()).contains("must be document.paragraph such as 1.11");
        Run theme = run("card", "1.11", "--out", file.toString(), "--theme", "blue");
        assertThat(theme.err()).contains("--theme: must be light or dark");
        assertThat(Files.exists(file)).isFalse();
    }
}
