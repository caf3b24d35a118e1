package org.excerptbot.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as a process with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL pointing at the
 * fake Bot API (through TelegramPlatform, as Main does), hold a short conversation: a command, a button press that edits the message in place, a search,
 * an inline query. Catches dependency clashes inside the fat jar (OkHttp, Jackson) and wiring mistakes.
 */
class TelegramJarIT {
    private static final String TOKEN = "8000000001:JAR-it-secret_TOKEN-0123456789abcdef";

    @Test
    void holdsAConversationThroughTheFakeBotApi(@TempDir Path dir) throws Exception {
        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            Process bot = start(
                    Map.of(
                            "TELEGRAM_BOT_TOKEN",
                            TOKEN,
                            "TELEGRAM_API_URL",
                            api.url(),
                            "EXCERPT_BOT_DATA_DIR",
                            dir.toString(),
                            "EXCERPT_BOT_LOG_LEVEL",
                            "DEBUG"),
                    dir);
            ByteArrayOutputStream out = drain(bot.getInputStream());
            ByteArrayOutputStream err = drain(bot.getErrorStream());
            try {
                await().atMost(Duration.ofSeconds(60))
                        .failFast("the bot exited", () -> !bot.isAlive())
                        // the fake records a getUpdates call when it answers it, up to 50 s later; the command
                        // list is set at start, just before polling begins
                        .until(() -> !api.commands("default", "").isEmpty());
                assertThat(api.commands("default", ""))
                        .extracting(FakeBotApi.BotCommand::command)
                        .contains("today", "search", "read");
                User ann = api.user(4242, "Ann", "zh-hans");

                api.send(ann, "/today");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> api.messages(ann.id()).size() == 1);
                Shown today = api.last(ann.id());
                assertThat(today.text()).startsWith("今日摘录 · ").contains("\n—— ");
                assertThat(today.buttons()).isNotEmpty();

                String press = api.press(
                        ann, ann.id(), today.messageId(), today.buttons().get(0).callbackData());
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> api.callbackAnswer(press).isPresent()
                                && api.last(ann.id()).edits() == 1);
                assertThat(api.messages(ann.id())).hasSize(1);
                assertThat(api.last(ann.id()).text()).contains("第 ");

                api.send(ann, "/search 互联互通 <&>");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> api.messages(ann.id()).size() == 2);
                assertThat(api.last(ann.id()).text()).contains("互联互通 <&>");

                String inline = api.inlineQuery(ann, "互联互通", "");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> api.inlineAnswer(inline).isPresent());
                assertThat(api.inlineAnswer(inline).get().results()).isNotEmpty();
                assertThat(api.calls()).allMatch(c -> c.status() == 200);
            } catch (Throwable e) {
                throw new AssertionError("the bot said:\n" + err.toString(StandardCharsets.UTF_8), e);
            } finally {
                bot.destroy();
                if (!bot.waitFor(20, TimeUnit.SECONDS)) bot.destroyForcibly();
            }
            String logs = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(logs).contains("Telegram: running as @" + FakeBotApi.BOT_USERNAME);
            assertThat(logs).doesNotContain(TOKEN).doesNotContain("JAR-it-secret");
        }
    }

    /** The packaged jar with no subcommand, as a self-hoster runs it: Main starts every configured platform. */
    private static Process start(Map<String, String> env, Path dir) throws Exception {
        return JarRunner.start(List.of(), env, dir);
    }

    private static ByteArrayOutputStream drain(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return buffer;
    }
}
