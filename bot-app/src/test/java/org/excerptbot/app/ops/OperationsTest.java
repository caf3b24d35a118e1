package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.http.TelegramWebhook;
import org.excerptbot.core.metrics.HealthCheck;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The wiring Main uses: configuration in, HTTP server with webhook out, stopped by the shutdown. */
class OperationsTest {
    private static final AppConfig WEBHOOK = ConfigLoader.load(
            Map.of(
                    "telegram.webhook-url",
                    "https://bot.example.org/tg/updates",
                    "telegram.webhook-secret",
                    "s3cret_42"),
            Map.of(),
            Optional.empty());

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theWebhookIsServedOnTheUrlsPathAndTheShutdownStopsTheServer() throws Exception {
        Shutdown shutdown = new Shutdown();
        Operations ops =
                Operations.start(WEBHOOK, shutdown, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        List<Update> updates = new CopyOnWriteArrayList<>();
        ops.health().register("telegram", () -> HealthCheck.Result.up("webhook"));
        assertThat(ops.telegramWebhookMode()).isTrue();
        ops.serveTelegramWebhook(updates::add);
        int port = ops.port().orElseThrow();
        URI hook = URI.create("http://127.0.0.1:" + port + "/tg/updates");

        HttpResponse<String> ok = send(HttpRequest.newBuilder(hook)
                .header(TelegramWebhook.SECRET_HEADER, "s3cret_42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\": 9}"))
                .build());
        HttpResponse<String> refused = send(HttpRequest.newBuilder(hook)
                .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\": 10}"))
                .build());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(updates).extracting(Update::getUpdateId).containsExactly(9);
        assertThat(ops.health().check().ready()).isTrue();

        assertThat(shutdown.run()).isEmpty();

        assertThat(ops.health().check().ready()).isFalse();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aWebhookWithoutAnHttpPortIsRefusedWithTheReason() {
        Shutdown shutdown = new Shutdown();
        Operations ops = Operations.start(WEBHOOK, shutdown, null);

        assertThatThrownBy(() -> ops.serveTelegramWebhook(u -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TELEGRAM_WEBHOOK_URL is set but EXCERPT_BOT_HTTP_PORT is not: nothing would receive the"
                        + " updates");
        shutdown.run();
        assertThat(ops.health().stopping()).isTrue();
    }
}
