package org.excerptbot.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on Discord: its classes, started as a process with only {@code DISCORD_*} variables pointing at
 * the fake Discord (through DiscordPlatform, as Main does), must log in, register its commands and answer a command, a button and an autocomplete. JDA and
 * TelegramBots share one OkHttp and one Jackson in the jar, so a version clash between them fails here.
 */
class DiscordJarIT {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();

    private static final int HTTP_PORT = freePort();

    @TempDir
    Path work;

    private static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theJarAnswersSlashCommandsButtonsAndAutocompleteOnDiscord() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            Process jar = start(
                    Map.of(
                            "DISCORD_BOT_TOKEN", FakeDiscord.TOKEN,
                            "DISCORD_API_URL", discord.apiUrl(),
                            "DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                            "EXCERPT_BOT_DATA_DIR", work.resolve("data").toString(),
                            "EXCERPT_BOT_HTTP_PORT", String.valueOf(HTTP_PORT)),
                    work);
            JarRunner.Output out = new JarRunner.Output(jar.getInputStream());
            JarRunner.Output err = new JarRunner.Output(jar.getErrorStream());
            try {
                discord.awaitBotReady(Duration.ofSeconds(60));
                assertThat(discord.commands())
                        .extracting(c -> c.path("name").asText())
                        .contains("today", "read");

                Point first = CORPUS.principles().get(0);
                FakeMessage principle = discord.awaitReply(
                        discord.slash("principle").option("number", 1).send());
                assertThat(principle.text()).isEqualTo(first.paragraph().text());
                assertThat(principle.footer()).contains("《");

                FakeMessage read = discord.awaitReply(discord.slash("read")
                        .option("document", 1)
                        .option("paragraph", 11)
                        .send());
                discord.press(read, "1.12 ▶");
                assertThat(discord.awaitEdit(read).text())
                        .isEqualTo(CORPUS.documents().get(0).body().get(11).text());

                // answered (type 8) with at most 25 suggestions, whichever the core's search offers
                List<String> suggestions = discord.awaitChoiceValues(
                        discord.autocomplete("search").focus("query", "网络").send());
                assertThat(suggestions).hasSizeLessThanOrEqualTo(25);
                assertThat(err.text()).doesNotContain(FakeDiscord.TOKEN).doesNotContain("NoSuchMethodError");

                // the operator's view of the same process: readiness and metrics over HTTP
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body())
                        .contains("\"database\"")
                        .contains("\"discord\"")
                        .contains("gateway connected");
                HttpResponse<String> metrics = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body())
                        .contains("command=\"principle\"")
                        .contains("excerptbot_commands_total{command=\"principle\",platform=\"discord\"} 1.0");
            } catch (AssertionError | RuntimeException e) {
                jar.destroy();
                jar.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(
                        e.getMessage() + "\n--- jar stdout:\n" + out.text() + "\n--- jar stderr:\n" + err.text(), e);
            } finally {
                jar.destroy();
                if (!jar.waitFor(20, TimeUnit.SECONDS)) jar.destroyForcibly();
            }
        }
    }

    /** The packaged jar with no subcommand, as a self-hoster runs it: Main starts every configured platform. */
    private static Process start(Map<String, String> env, Path dir) throws Exception {
        return JarRunner.start(List.of(), env, dir);
    }
}
