package org.excerptbot.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as a process with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL pointing at the
 * fake Bot API (through TelegramPlatform, as Main does), hold a short conversation: a command, a button press that edits the message in place, a search,
 * an inline query, and /healthz shows the Telegram connection. Catches dependency clashes inside the fat jar (OkHttp,
 * Jackson) and wiring mistakes. Also: a Bot API that cannot be reached at start-up (the jar waits and turns ready),
 * and a refused token (exit code 2).
 */
class TelegramJarIT {
    private static final String TOKEN = "8000000001:JAR-it-secret_TOKEN-0123456789abcdef";
    private static final int HTTP_PORT = freePort();

    @Test
    void holdsAConversationThroughTheFakeBotApi(@TempDir Path dir) throws Exception {
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                RunningJar bot = RunningJar.start(api, dir, "EXCERPT_BOT_LOG_LEVEL", "DEBUG")) {
            bot.check(() -> {
                await().atMost(Duration.ofSeconds(60))
                        .failFast("the bot exited", () -> !bot.process.isAlive())
                        // the fake records a getUpdates call when it answers it, up to 50 s later; deleteWebhook
                        // comes just before polling begins, and the command menus are published meanwhile
                        .until(() -> !api.calls("deleteWebhook").isEmpty());
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.commands("default", ""))
                        .extracting(FakeBotApi.BotCommand::command)
                        .contains("today", "search", "read"));
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

                HttpResponse<String> health = healthz();
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"telegram\":{").contains("@ExcerptTestBot polling");
            });
            String logs = bot.stop();
            assertThat(logs).contains("Telegram: running as @" + FakeBotApi.BOT_USERNAME);
            assertThat(logs).doesNotContain(TOKEN).doesNotContain("JAR-it-secret");
        }
    }

    @Test
    void waitsForABotApiThatCannotBeReachedAndTurnsReadyWhenItAnswers(@TempDir Path dir) throws Exception {
        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            api.fail("getMe", 502, "Bad Gateway", 100_000);
            RunningJar bot = RunningJar.start(api, dir);
            bot.check(() -> {
                await().atMost(Duration.ofSeconds(60))
                        .failFast("the bot exited", () -> !bot.process.isAlive())
                        .ignoreExceptions()
                        .until(() -> healthz().body().contains("HTTP 502"));
                HttpResponse<String> down = healthz();
                assertThat(down.statusCode()).isEqualTo(503);
                // the server was reached and answered: the check says what it answered, not "cannot reach"
                assertThat(down.body()).contains("\"telegram\":{").contains("answered getMe with HTTP 502");
                await().until(() -> api.calls("getMe").size() >= 3);

                api.clearFailures();
                await().atMost(Duration.ofSeconds(60))
                        .failFast("the bot exited", () -> !bot.process.isAlive())
                        .until(() -> healthz().statusCode() == 200);
                User ann = api.user(4343, "Ann", "en");
                api.send(ann, "/today");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> api.messages(ann.id()).size() == 1);
            });
            String logs = bot.stop();
            // logged once until it connects, as what the server answered
            assertThat(logs.lines()
                            .filter(l -> l.contains("the Bot API at " + api.url() + " answered getMe with HTTP 502")))
                    .hasSize(1);
            assertThat(logs).doesNotContain(TOKEN).doesNotContain("JAR-it-secret");
        }
    }

    @Test
    void aTokenTheBotApiRefusesEndsTheJarWithCode2AndSaysWhatToDo(@TempDir Path dir) {
        String wrong = "8000000001:JAR-it-wrong_TOKEN-0000000000000000";
        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            JarRunner.Result run = JarRunner.run(
                    List.of(),
                    Map.of(
                            "TELEGRAM_BOT_TOKEN",
                            wrong,
                            "TELEGRAM_API_URL",
                            api.url(),
                            "EXCERPT_BOT_DATA_DIR",
                            dir.toString()),
                    "",
                    dir);
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
            assertThat(run.stderr())
                    .contains("Telegram refused the bot token")
                    .contains("Check TELEGRAM_BOT_TOKEN")
                    .doesNotContain(wrong)
                    .doesNotContain("JAR-it-wrong");
            assertThat(api.calls()).hasSize(1);
        }
    }

    private static HttpResponse<String> healthz() throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged jar with no subcommand, as a self-hoster runs it (Main starts every configured platform). */
    private static final class RunningJar implements AutoCloseable {
        final Process process;
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;

        private RunningJar(Process process) {
            this.process = process;
            this.out = drain(process.getInputStream());
            this.err = drain(process.getErrorStream());
        }

        /** The jar against the fake, with its data in {@code dir}, /healthz on HTTP_PORT and extra variables. */
        static RunningJar start(FakeBotApi api, Path dir, String... extraEnv) throws IOException {
            Map<String, String> env = new HashMap<>(Map.of(
                    "TELEGRAM_BOT_TOKEN",
                    TOKEN,
                    "TELEGRAM_API_URL",
                    api.url(),
                    "EXCERPT_BOT_DATA_DIR",
                    dir.toString(),
                    "EXCERPT_BOT_HTTP_PORT",
                    String.valueOf(HTTP_PORT)));
            for (int i = 0; i + 1 < extraEnv.length; i += 2) env.put(extraEnv[i], extraEnv[i + 1]);
            return new RunningJar(JarRunner.start(List.of(), env, dir));
        }

        /** Runs the assertions; a failure carries what the jar logged. */
        void check(ThrowingCallable assertions) {
            try {
                assertions.call();
            } catch (Throwable e) {
                close();
                throw new AssertionError("the bot said:\n" + logs(), e);
            }
        }

        /** Stops the jar and returns everything it logged. */
        String stop() {
            close();
            return logs();
        }

        private String logs() {
            return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
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
}
