package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The webhook endpoint's protocol: the secret header, POST only, a bounded body that parses as an Update. */
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
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    private void start(Consumer<Update> consumer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, new TelegramWebhook(SECRET, consumer));
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private HttpResponse<String> send(String method, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return send("POST", body, headers);
    }

    @Test
    void anUpdateWithTheRightSecretIsParsedAndDelivered() throws Exception {
        start(delivered::add);

        HttpResponse<String> r = post(UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET));

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
        start(delivered::add);

        assertThat(post(UPDATE, Map.of()).statusCode()).isEqualTo(401);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aRequestWithAWrongSecretGets401AndNothingIsDelivered() throws Exception {
        start(delivered::add);

        assertThat(post(UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET + "x"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, "s3cret_token-42"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "", Map.of()).statusCode()).isEqualTo(401);
        assertThat(delivered).isEmpty();
    }

    @Test
    void anotherMethodWithTheSecretGets405() throws Exception {
        start(delivered::add);

        HttpResponse<String> r = send("PUT", UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET));

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("POST");
        assertThat(delivered).isEmpty();
    }

    @Test
    void aBodyOverOneMebibyteGets413() throws Exception {
        start(delivered::add);

        String big = "{\"update_id\": 1, \"padding\": \"" + "x".repeat(1 << 20) + "\"}";

        assertThat(post(big, Map.of(TelegramWebhook.SECRET_HEADER, SECRET)).statusCode())
                .isEqualTo(413);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnUpdateGets400EvenWithTheSecret() throws Exception {
        start(delivered::add);

        HttpResponse<String> r =
                post("{\"update_id\": \"not a number\"", Map.of(TelegramWebhook.SECRET_HEADER, SECRET));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(delivered).isEmpty();
    }

    @Test
    void anUpdateTheAdapterRefusesGets503SoThatTelegramRetries() throws Exception {
        start(u -> {
            throw new IllegalStateException("stopping");
        });

        assertThat(post(UPDATE, Map.of(TelegramWebhook.SECRET_HEADER, SECRET)).statusCode())
                .isEqualTo(503);
    }

    @Test
    void aSecretTelegramWouldRefuseIsRefusedAtOnce() {
        assertThatThrownBy(() -> new TelegramWebhook("has space", u -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("secret:");
    }
}
