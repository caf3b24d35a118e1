package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.excerptbot.app.Main;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A second process on the data directory of a running bot (here a second JVM holding it as the bot does): the
 * management commands work beside it; a second bot or console is refused in one line that names the directory and
 * the running process, with exit code 2.
 */
class SecondProcessTest {
    private static final String TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @TempDir
    Path dir;

    private Path data;
    private Process holder;

    private record Run(int code, String out, String err) {}

    @BeforeEach
    void holdTheDataDirectory() throws Exception {
        data = dir.resolve("data");
        try (Database db = Database.embedded(data)) {
            new JdbcSubscriptionStore(db.dataSource())
                    .save(
                            new ChatRef(Platform.TELEGRAM, "-1001234567890", ChatType.GROUP),
                            new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")),
                            Mode.DAILY,
                            "zh",
                            Instant.parse("2026-11-28T00:00:00Z"));
        }
        holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldDataDir.class.getName(),
                        data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .get(60, TimeUnit.SECONDS);
        assertThat(first).isEqualTo("ready");
    }

    @AfterEach
    void letGo() throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(30, TimeUnit.SECONDS)) holder.destroyForcibly();
    }

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
            all[1] = "data-dir=" + data;
            System.arraycopy(args, 0, all, 2, args.length);
            int code = new CommandLine(new Main()).execute(all);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theManagementCommandsWorkWhileTheBotRuns() {
        Run list = run("subscriptions", "list");
        assertThat(list.err()).isEmpty();
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("-1001234567890").endsWith("1 subscription, 1 active\n");

        Run doctor = run("doctor");
        assertThat(doctor.out()).contains("served by the running bot");
    }

    @Test
    void aSecondBotIsRefusedInOneLineWithExitCodeTwo() {
        Run bot = run("--set", "telegram.token=" + TOKEN);

        assertThat(bot.code()).isEqualTo(2);
        assertThat(bot.err().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .contains("pid " + holder.pid(), data.toAbsolutePath().toString(), "PostgreSQL"));
    }

    @Test
    void aConsoleIsRefusedLikeASecondBot() {
        Run console = run("console");

        assertThat(console.code()).isEqualTo(2);
        assertThat(console.err().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .contains("pid " + holder.pid(), data.toAbsolutePath().toString()));
    }
}
