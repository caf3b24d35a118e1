package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database while another process has it open (the bot running, a management command beside it): a
 * second JVM opens it first, this one then reads and writes it through H2's automatic mixed mode, and the first
 * sees the write.
 */
class SharedEmbeddedDatabaseTest {
    @TempDir
    Path data;

    @Test
    void aSecondProcessUsesTheEmbeddedDatabaseTheFirstHasOpen() throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldEmbeddedDatabase.class.getName(),
                        data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS))
                    .isEqualTo("ready");

            try (Database db = Database.attach(data)) {
                new JdbcSubscriptionStore(db.dataSource())
                        .save(
                                new ChatRef(Platform.TELEGRAM, "7", ChatType.PRIVATE),
                                new Slot(java.time.LocalTime.of(8, 0), java.time.ZoneId.of("Asia/Shanghai")),
                                Mode.DAILY,
                                "en",
                                Instant.parse("2026-03-01T00:00:00Z"));
            }
            // served by the first process on the loopback interface, under a key only its owner can read
            assertThat(EmbeddedServer.url(data))
                    .hasValueSatisfying(url -> assertThat(url).startsWith("jdbc:h2:tcp://127.0.0.1:"));
            assertThat(Files.getPosixFilePermissions(data.resolve(Database.SERVER_FILE)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            holder.getOutputStream().close();
            List<String> rest = new ArrayList<>();
            CompletableFuture.runAsync(() -> {
                        for (String line = readLine(out); line != null; line = readLine(out)) rest.add(line);
                    })
                    .get(60, TimeUnit.SECONDS);
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(rest).containsExactly("subscriptions=1");
            assertThat(holder.exitValue()).isZero();
            assertThat(data.resolve(Database.SERVER_FILE))
                    .as("removed when the holder closed")
                    .doesNotExist();
        } finally {
            holder.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
