package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.Main;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.console.ConsoleSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bookmarks export|import} as an operator runs them, between two embedded databases. */
class BookmarksCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-05-02T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(Path data, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--set";
            all[1] = "data-dir=" + data;
            System.arraycopy(args, 0, all, 2, args.length);
            int code = new CommandLine(new Main()).execute(all);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** What the console answers to these lines, on the data directory's database. */
    private static String console(Path data, String... lines) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        var config = ConfigLoader.load(
                Map.of("data-dir", data.toString(), "timezone", "Asia/Shanghai"), Map.of(), Optional.empty());
        try (BotRuntime runtime = BotRuntime.open(config, CLOCK)) {
            ConsoleSession session = new ConsoleSession(
                    runtime.core().dispatcher(),
                    runtime.core().messages().texts(Locale.CHINA),
                    new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    false,
                    true);
            for (String line : lines) session.handle(line);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bookmarks_saved_in_the_console_are_exported_and_imported_into_another_database_once() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        console(first, "/save 1.11", "/save 原则二", "/save 3.2");

        Path file = dir.resolve("bookmarks.json");
        Run export = run(first, "bookmarks", "export", "--file", file.toString());
        assertThat(export.code()).isZero();
        assertThat(Files.readString(file))
                .contains("\"format\" : \"excerpt-bot-bookmarks\"")
                .contains("\"version\" : 1")
                .contains("\"platform\" : \"console\"")
                .contains("\"passage\" : \"1.11\"")
                .contains("\"passage\" : \"3.2\"");

        Run imported = run(second, "bookmarks", "import", file.toString());
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).contains(": 2 created or changed, 0 already as in the file.");
        Run again = run(second, "bookmarks", "import", file.toString());
        assertThat(again.out()).contains(": 0 created or changed, 2 already as in the file.");
        assertThat(console(second, "/saved"))
                .contains("我的收藏（共 2 条，第 1/1 页）")
                .contains("1.11")
                .contains("3.2");

        Files.writeString(file, Files.readString(file).replace("\"3.2\"", "\"three\""));
        Run bad = run(second, "bookmarks", "import", file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err())
                .contains("bookmarks[1].passage: 'three' is not a position such as 1.11 or 1.11.2-3. Nothing was"
                        + " imported.");
        assertThat(run(second, "bookmarks", "import", dir.resolve("none.json").toString())
                        .code())
                .isEqualTo(1);
    }
}
