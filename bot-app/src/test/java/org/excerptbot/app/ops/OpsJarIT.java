package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
