package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.excerptbot.app.it.JarRunner;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's subcommands from the packaged jar, as a self-hoster runs them. */
class OpsJarIT {
    private static final String TOKEN = "123456789:AAF_jar_token_abcdefghijklmnopqrstuv";

    @TempDir
    Path dir;

    @Test
    void doctorFromTheJarChecksTheTokenAgainstTheFakeBotApiAndTheEmbeddedDatabase() {
        try (FakeBotApi bot = FakeBotApi.start(TOKEN)) {
            Map<String, String> env = Map.of(
                    "TELEGRAM_BOT_TOKEN", TOKEN,
                    "TELEGRAM_API_URL", bot.url(),
                    "EXCERPT_BOT_DATA_DIR", dir.resolve("data").toString());

            JarRunner.Result good = JarRunner.run(List.of("doctor"), env, "", dir);

            assertThat(good.exitCode()).as(good.stderr()).isZero();
            assertThat(good.stdout())
                    .startsWith("Excerpt Bot doctor\n")
                    .contains("ok    telegram       token accepted: @" + FakeBotApi.BOT_USERNAME)
                    .contains("ok    database       embedded H2: no database in")
                    .endsWith("Nothing to fix.\n");
            assertThat(good.stdout() + good.stderr()).doesNotContain(TOKEN);
            assertThat(bot.calls("getMe")).hasSize(1);

            JarRunner.Result wrong = JarRunner.run(
                    List.of("--set", "telegram.token=123456789:AAF_wrong_token_abcdefghijklmnopqr", "doctor"),
                    env,
                    "",
                    dir);

            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.stdout())
                    .contains("FAIL  telegram       getMe at " + bot.url() + " answered 401 (Unauthorized)")
                    .endsWith("1 problem to fix.\n")
                    .doesNotContain("AAF_wrong_token");
        }
    }

    @Test
    void subscriptionsImportThenListFromTheJar() throws Exception {
        Path file = dir.resolve("subs.json");
        Files.writeString(
                file,
                """
                {"format": "excerpt-bot-subscriptions", "version": 1, "subscriptions": [
                  {"platform": "telegram", "chatId": "-1001234567890", "chatType": "group", "time": "08:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 0, "status": "active"}]}
                """);
        Map<String, String> env =
                Map.of("EXCERPT_BOT_DATA_DIR", dir.resolve("data").toString());

        JarRunner.Result imported = JarRunner.run(List.of("subscriptions", "import", file.toString()), env, "", dir);
        JarRunner.Result list = JarRunner.run(List.of("subscriptions", "list"), env, "", dir);

        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.stdout()).contains(": 1 created or changed, 0 already as in the file.");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout())
                .contains("telegram  -1001234567890       group    08:00 Asia/Shanghai          daily      zh")
                .endsWith("1 subscription, 1 active\n");
    }

    @Test
    void anImportOfTwentyThousandFromTheJarFitsAThirtyTwoMegabyteHeap() throws Exception {
        int n = 20_000;
        Path file = dir.resolve("subs.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"format\": \"excerpt-bot-subscriptions\", \"version\": 2, \"subscriptions\": [\n");
            for (int i = 0; i < n; i++) {
                out.write((i == 0 ? "" : ",\n") + "{\"platform\": \"telegram\", \"chatId\": \"" + (6_000_000 + i)
                        + "\", \"chatType\": \"private\", \"time\": \"" + String.format("%02d:%02d", i % 24, i % 60)
                        + "\", \"zone\": \"Asia/Shanghai\", \"mode\": \"daily\", \"days\": \"everyday\","
                        + " \"postFormat\": \"text\", \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}");
            }
            out.write("\n]}\n");
        }
        Path data = dir.resolve("data");
        // the whole file read into a tree ran out of memory with this heap at 20,000 entries
        ProcessBuilder pb = new ProcessBuilder(
                        JarRunner.java(),
                        "-Xmx32m",
                        "-jar",
                        JarRunner.jar().toAbsolutePath().toString(),
                        "subscriptions",
                        "import",
                        file.toString())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("import.out").toFile())
                .redirectError(dir.resolve("import.err").toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("EXCERPT_BOT_") || k.startsWith("TELEGRAM_") || k.startsWith("DISCORD_"));
        pb.environment().put("EXCERPT_BOT_DATA_DIR", data.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the import did not exit");
        }

        assertThat(p.exitValue())
                .as(Files.readString(dir.resolve("import.err")))
                .isZero();
        assertThat(Files.readString(dir.resolve("import.out")))
                .contains(": 20000 created or changed, 0 already as in the file.");
        JarRunner.Result list = JarRunner.run(
                List.of("subscriptions", "list"), Map.of("EXCERPT_BOT_DATA_DIR", data.toString()), "", dir);
        assertThat(list.stdout())
                .contains("telegram  6019999              private  07:19 Asia/Shanghai          daily      zh")
                .endsWith("20000 subscriptions, 20000 active\n");
    }
}
