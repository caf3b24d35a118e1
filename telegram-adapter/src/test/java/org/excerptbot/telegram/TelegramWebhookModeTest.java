package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.excerptbot.core.metrics.HealthCheck.Status;
import org.excerptbot.core.platform.HttpRoute;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook mode end to end: setWebhook with the secret, no polling, the adapter's HTTP route mounted on a local
 * server, and updates the fake Bot API pushes to it answered; refused with 503 (kept by Telegram) once stopping.
 */
class TelegramWebhookModeTest {
    private static final String SECRET = "s3cret_TOKEN-1";

    private HttpServer server;
    private FakeBotApi api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        api = FakeBotApi.start(TestBot.TOKEN);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        api.close();
    }

    @Test
    void setsTheWebhookServesItsRouteAndAnswersUpdatesTelegramPushes() {
        URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tg/updates");
        TelegramPlatform bot =
                TestBot.adapter(TestBot.settings(TestBot.TOKEN, api).withWebhook(hook, SECRET), Thread::sleep);
        assertThat(bot.httpRoutes()).extracting(HttpRoute::path).containsExactly("/tg/updates");
        for (HttpRoute route : bot.httpRoutes()) server.createContext(route.path(), route.handler());
        try {
            bot.start();
            assertThat(api.webhook()).containsExactly(hook.toString(), SECRET);
            await().until(() -> bot.health().check().status() == Status.UP); // once the menus are published
            assertThat(bot.health().check().detail())
                    .contains("@" + FakeBotApi.BOT_USERNAME, "webhook", hook.toString());

            FakeBotApi.User ann = api.user(1001, "Ann", null);
            api.send(ann, "/echo <via webhook>");
            assertThat(api.pushUpdates()).containsExactly(200);
            await().until(() -> api.messages(ann.id()).size() == 1);
            assertThat(api.last(ann.id()).text()).isEqualTo("echo: <via webhook>");
            assertThat(api.pendingUpdates()).isZero();
            assertThat(api.calls("getUpdates")).isEmpty();
            assertThat(api.calls("deleteWebhook")).isEmpty();
        } finally {
            bot.close();
        }
        FakeBotApi.User bob = api.user(1002, "Bob", "en");
        api.send(bob, "/echo after the stop");
        assertThat(api.pushUpdates())
                .as("Telegram keeps what a stopping bot refuses")
                .containsExactly(503);
        assertThat(api.pendingUpdates()).isEqualTo(1);
        assertThat(api.messages(bob.id())).isEmpty();
    }
}
