package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.HttpRoute;
import org.junit.jupiter.api.Test;

/** The wiring the bot process uses: configuration in, HTTP server with the platforms' routes out, stopped by the shutdown. */
class OperationsTest {
    private static final AppConfig DEFAULTS = ConfigLoader.load(Map.of(), Map.of(), Optional.empty());

    private static final HttpRoute ECHO = new HttpRoute("/tg/updates", exchange -> {
        byte[] body = ("got " + exchange.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    });

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPlatformsRouteIsServedOnItsPathAndTheShutdownStopsTheServer() throws Exception {
        Shutdown shutdown = new Shutdown();
        Operations ops =
                Operations.start(DEFAULTS, shutdown, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ops.health().register("telegram", () -> HealthCheck.Result.degraded("command menu not published"));
        ops.mount(ECHO);
        int port = ops.port().orElseThrow();

        HttpResponse<String> routed =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tg/updates"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .build());

        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(routed.body()).isEqualTo("got POST");
        // degraded still serves users: ready, and the check says what is missing
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"DEGRADED\"").contains("command menu not published");

        assertThat(shutdown.run()).isEmpty();

        assertThat(ops.health().check().ready()).isFalse();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRouteWithoutAnHttpServerIsRefusedWithTheReason() {
        Shutdown shutdown = new Shutdown();
        Operations ops = Operations.start(DEFAULTS, shutdown, null);

        assertThatThrownBy(() -> ops.mount(ECHO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EXCERPT_BOT_HTTP_PORT is not set: nothing would serve /tg/updates");
        shutdown.run();
        assertThat(ops.health().stopping()).isTrue();
    }

    @Test
    void aRouteMayNotHideTheHealthOrMetricsEndpoints() {
        Shutdown shutdown = new Shutdown();
        Operations ops =
                Operations.start(DEFAULTS, shutdown, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try {
            assertThatThrownBy(() -> ops.mount(new HttpRoute("/healthz", ECHO.handler())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/healthz");
        } finally {
            shutdown.run();
        }
    }
}
