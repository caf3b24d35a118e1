package org.excerptbot.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

class TelegramWebhookTest {
    private static final String SECRET = "s3cret_Token-42";
    private static final String PATH = "/telegram/hook";
    private static final String UPDATE =
            """
            {"update_id": 700001,
             "message": {"message_id": 5, "date": 1764370000,
                         "chat": {"id": 4242, "type": "private", "first_name": "Lin"},
                         "from": {"id": 4242, "is_bot": false, "first_name": "Lin", "language_code": "en"},
                         "text": "/today",
                         "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
            """;

    private final List<Update> delivered = new CopyOnWriteArrayList<>();
    private OpsServer server;

    private int start(Consumer<Update> consumer) throws Exception {
        server = OpsServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HealthRegistry(),
                new MicrometerBotMetrics());
        server.webhook(PATH, new TelegramWebhook(SECRET, consumer));
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void anUpdateWithTheRightSecretIsParsedAndDelivered() throws Exception {
        int port = start(delivered::add);

        HttpResponse<String> r = Http.post(port, PATH, UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(delivered).hasSize(1);
        Update u = delivered.get(0);
        assertThat(u.getUpdateId()).isEqualTo(700001);
        assertThat(u.getMessage().getText()).isEqualTo("/today");
        assertThat(u.getMessage().getChatId()).isEqualTo(4242L);
        assertThat(u.getMessage().getFrom().getLanguageCode()).isEqualTo("en");
    }

    @Test
    void aRequestWithoutTheSecretHeaderGets401AndNothingIsDelivered() throws Exception {
        int port = start(delivered::add);

        HttpResponse<String> r = Http.post(port, PATH, UPDATE, Map.of());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aRequestWithAWrongSecretGets401AndNothingIsDelivered() throws Exception {
        int port = start(delivered::add);

        assertThat(Http.post(port, PATH, UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET + "x"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(Http.post(port, PATH, UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, "s3cret_token-42"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(Http.get(port, PATH).statusCode()).isEqualTo(401);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnUpdateGets400EvenWithTheSecret() throws Exception {
        int port = start(delivered::add);

        HttpResponse<String> r = Http.post(
                port, PATH, "{\"update_id\": \"not a number\"", Map.of(TelegramWebhook.SECRET_HEADER, SECRET));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(delivered).isEmpty();
    }

    @Test
    void anUpdateTheAdapterRefusesGets503SoThatTelegramRetries() throws Exception {
        int port = start(u -> {
            throw new IllegalStateException("stopping");
        });

        HttpResponse<String> r = Http.post(port, PATH, UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET));

        assertThat(r.statusCode()).isEqualTo(503);
    }

    @Test
    void thePathComesFromTheWebhookUrl() {
        assertThat(TelegramWebhook.pathOf("https://bot.example.org/tg/updates")).isEqualTo("/tg/updates");
        assertThat(TelegramWebhook.pathOf("https://bot.example.org")).isEqualTo(TelegramWebhook.DEFAULT_PATH);
        assertThat(TelegramWebhook.pathOf("")).isEqualTo(TelegramWebhook.DEFAULT_PATH);
    }

    @Test
    void aSecretTelegramWouldRefuseIsRefusedAtOnce() {
        assertThatThrownBy(() -> new TelegramWebhook("has space", u -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret");
    }
}
