package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.excerptbot.app.Main;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcChatPreferenceStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code subscriptions} subcommands as an operator runs them, on the embedded database. */
class SubscriptionsCommandTest {
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
    void listExportAndImportThroughTheCommandLine() throws Exception {
        try (Database db = Database.embedded(dir.resolve("data"))) {
            new JdbcSubscriptionStore(db.dataSource())
                    .save(
                            new ChatRef(Platform.TELEGRAM, "-1001234567890", ChatType.GROUP),
                            new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")),
                            Mode.SEQUENTIAL,
                            "zh",
                            Instant.parse("2026-11-28T00:00:00Z"));
            new JdbcChatPreferenceStore(db.dataSource())
                    .setScript(
                            new ChatRef(Platform.TELEGRAM, "-1001234567890", ChatType.GROUP),
                            Script.TRADITIONAL,
                            Instant.parse("2026-11-28T00:00:00Z"));
        }

        Run list = run("subscriptions", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out())
                .contains("telegram  -1001234567890       group    08:00 Asia/Shanghai          sequential zh")
                .endsWith("1 subscription, 1 active\n");

        Path file = dir.resolve("subs.json");
        assertThat(run("subscriptions", "export", "--file", file.toString()).code())
                .isZero();
        assertThat(Files.readString(file))
                .contains("\"mode\" : \"sequential\"")
                .contains("\"script\" : \"traditional\"");

        Run again = run("subscriptions", "import", file.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out())
                .contains(": 0 created or changed, 1 already as in the file.")
                .contains("Chats' scripts: 0 set, 1 already so.");
        Files.writeString(file, Files.readString(file).replace("\"traditional\"", "\"simplified\""));
        assertThat(run("subscriptions", "import", file.toString()).out())
                .contains("Chats' scripts: 1 set, 0 already so.");
        Files.writeString(file, Files.readString(file).replace("\"simplified\"", "\"traditional\""));

        Files.writeString(file, Files.readString(file).replace("\"08:00\"", "\"25:30\""));
        Run bad = run("subscriptions", "import", file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err())
                .contains("subscriptions[0].time: '25:30' is not HH:MM between 00:00 and 23:59. Nothing was imported.");
    }

    @Test
    void aFileWithAMistakeInItsLastEntryImportsNothing() throws Exception {
        Path file = dir.resolve("subs.json");
        StringBuilder json = new StringBuilder(
                "{\"format\": \"excerpt-bot-subscriptions\", \"version\": 2," + " \"subscriptions\": [");
        for (int i = 0; i < 3_000; i++) {
            json.append(i == 0 ? "" : ",\n")
                    .append("{\"platform\": \"telegram\", \"chatId\": \"")
                    .append(i == 2_999 ? 17 : 6_000_000 + i)
                    .append(
                            "\", \"chatType\": \"private\", \"time\": \"08:00\", \"zone\": \"UTC\", \"mode\": \"daily\","
                                    + " \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}");
        }
        json.append(
                ",\n{\"platform\": \"telegram\", \"chatId\": \"17\", \"chatType\": \"private\", \"time\": \"08:00\","
                        + " \"zone\": \"UTC\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}]}");
        Files.writeString(file, json);

        Run bad = run("subscriptions", "import", file.toString());

        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err())
                .contains("subscriptions[3000]: chat 17 on telegram has two schedules at 08:00. Nothing was imported.");
        assertThat(run("subscriptions", "list").out()).endsWith("0 subscriptions, 0 active\n");

        Files.writeString(
                file,
                json.toString()
                        .replace(
                                "\"chatId\": \"17\", \"chatType\": \"private\", \"time\": \"08:00\","
                                        + " \"zone\": \"UTC\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}]}",
                                "\"chatId\": \"17\", \"chatType\": \"private\", \"time\": \"09:00\","
                                        + " \"zone\": \"UTC\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}]}"));
        Run good = run("subscriptions", "import", file.toString());

        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains(": 3001 created or changed, 0 already as in the file.");
        assertThat(run("subscriptions", "list").out()).endsWith("3001 subscriptions, 3001 active\n");
    }
}
