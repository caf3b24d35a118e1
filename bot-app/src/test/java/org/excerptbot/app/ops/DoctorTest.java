package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.platform.Platforms;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} against local fakes of the Bot API ({@code /bot<token>/getMe}) and Discord ({@code users/@me}). */
class DoctorTest {
    private static final String TOKEN = "123456789:AAF_good_token_abcdefghijklmnopqrstu";
    private static final String DISCORD = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.discord_token_abcdefghijklmnopq";

    @TempDir
    Path dir;

    private HttpServer fake;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String webhookUrl = "";

    @BeforeEach
    void startFake() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            int status;
            String body;
            if (path.equalsIgnoreCase("/bot" + TOKEN + "/getMe")) {
                status = 200;
                body = "{\"ok\":true,\"result\":{\"id\":123456789,\"is_bot\":true,\"first_name\":\"Excerpt\","
                        + "\"username\":\"excerpt_test_bot\"}}";
            } else if (path.equalsIgnoreCase("/bot" + TOKEN + "/getWebhookInfo")) {
                status = 200;
                body = "{\"ok\":true,\"result\":{\"url\":\"" + webhookUrl + "\",\"has_custom_certificate\":false,"
                        + "\"pending_update_count\":0}}";
            } else if (path.startsWith("/bot")) {
                status = 401;
                body = "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}";
            } else if (path.equals("/api/v10/users/@me")) {
                boolean good =
                        ("Bot " + DISCORD).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                status = good ? 200 : 401;
                body = good
                        ? "{\"id\":\"1098765432109876543\",\"username\":\"ExcerptBot\",\"bot\":true}"
                        : "{\"message\":\"401: Unauthorized\",\"code\":0}";
            } else {
                status = 404;
                body = "{}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        fake.start();
    }

    @AfterEach
    void stopFake() {
        fake.stop(0);
    }

    private String api() {
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    private Map<String, String> env(String telegramToken, String discordToken) {
        Map<String, String> env = new HashMap<>();
        env.put("EXCERPT_BOT_DATA_DIR", dir.resolve("data").toString());
        env.put("TELEGRAM_API_URL", api());
        env.put("DISCORD_API_URL", api() + "/api/v10/");
        if (telegramToken != null) env.put("TELEGRAM_BOT_TOKEN", telegramToken);
        if (discordToken != null) env.put("DISCORD_BOT_TOKEN", discordToken);
        return env;
    }

    private record Run(int exitCode, String output) {}

    private Run doctor(Map<String, String> env) {
        AppConfig config = ConfigLoader.load(Map.of(), env, Optional.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Doctor.print(
                new Doctor(Duration.ofSeconds(5))
                        .examine(config, Platforms.configured(config), Platforms.unconfigured(config)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goodTokensAndAFreshDataDirectoryPass() {
        Run r = doctor(env(TOKEN, DISCORD));

        assertThat(r.exitCode()).isZero();
        assertThat(r.output())
                .contains("ok    telegram       token accepted: @excerpt_test_bot (id 123456789)")
                .contains("ok    webhook        none set: the bot uses long polling")
                .contains("ok    discord        token accepted: ExcerptBot (id 1098765432109876543)")
                .contains("ok    database       embedded H2: no database in " + dir.resolve("data")
                        + " yet; the first start creates it")
                .endsWith("Nothing to fix.\n");
        assertThat(requests)
                .anyMatch(request ->
                        request.toLowerCase(Locale.ROOT).endsWith(("/bot" + TOKEN + "/getMe").toLowerCase(Locale.ROOT)))
                .contains("GET /api/v10/users/@me");
        assertThat(r.output()).doesNotContain(TOKEN).doesNotContain(DISCORD);
    }

    @Test
    void theCostOfDailyPostsIsStatedFreeByDefaultAndPerMessageWithThePaidBroadcast() {
        assertThat(doctor(env(TOKEN, null)).output())
                .contains("ok    broadcast      paid broadcast off: daily posts go out free at about 30 messages/s"
                        + " (TELEGRAM_PAID_BROADCAST=true sends up to 1000/s for 0.1 Telegram Stars per message)");

        Map<String, String> paid = env(TOKEN, null);
        paid.put("TELEGRAM_PAID_BROADCAST", "true");
        Run r = doctor(paid);
        assertThat(r.exitCode()).isZero();
        assertThat(r.output())
                .contains("WARN  broadcast      paid broadcast on: daily posts are sent with allow_paid_broadcast at up"
                        + " to 1000 messages/s; Telegram charges 0.1 Telegram Stars per message, withdrawn from the"
                        + " bot's Star balance")
                .contains("fix: keep the bot's Star balance topped up, or set TELEGRAM_PAID_BROADCAST=false");
    }

    @Test
    void aRefusedTelegramTokenFailsAndSaysWhereToGetANewOneWithoutPrintingIt() {
        String revoked = "123456789:AAF_revoked_token_abcdefghijklmnop";
        Run r = doctor(env(revoked, null));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAIL  telegram       getMe at " + api() + " answered 401 (Unauthorized)")
                .contains("fix: Telegram refused TELEGRAM_BOT_TOKEN: copy it again from @BotFather")
                .contains("SKIP  discord        DISCORD_BOT_TOKEN is not set")
                .endsWith("1 problem to fix.\n")
                .doesNotContain(revoked)
                .doesNotContain("AAF_revoked");
    }

    @Test
    void aRefusedDiscordTokenFailsWithTheFix() {
        Run r = doctor(env(null, "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.wrong_token_abcdefghijklmnopqrst"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAIL  discord        users/@me at " + api() + "/api/v10/ answered 401 (401: Unauthorized)")
                .contains("fix: Discord refused DISCORD_BOT_TOKEN")
                .doesNotContain("wrong_token");
    }

    @Test
    void anUnreachableBotApiIsExplained() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = env(TOKEN, null);
        env.put("TELEGRAM_API_URL", "http://127.0.0.1:" + closed);

        Run r = doctor(env);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAIL  telegram       getMe at http://127.0.0.1:" + closed + ": connection refused")
                .contains("fix: is TELEGRAM_API_URL right and reachable");
    }

    @Test
    void aStaleWebhookIsPointedOutWhenTheBotPolls() {
        webhookUrl = "https://old.example.org/tg";

        Run r = doctor(env(TOKEN, null));

        assertThat(r.exitCode()).isZero();
        assertThat(r.output())
                .contains("WARN  webhook        Telegram has a webhook at https://old.example.org/tg, but"
                        + " TELEGRAM_WEBHOOK_URL is empty")
                .contains("fix: long polling deletes that webhook at start");
    }

    @Test
    void anExistingEmbeddedDatabaseReportsItsSchemaVersion() {
        Database.embedded(dir.resolve("data")).close();

        Run r = doctor(env(TOKEN, null));

        assertThat(r.output())
                .contains(
                        "ok    database       embedded H2 in " + dir.resolve("data") + ": reachable, schema version 7")
                .contains("ok    busiest minute no active subscriptions");
    }

    @Test
    void subscriptionsAtOneMinuteThatTakeMoreThanAnHourToSendAreAWarning() {
        // 08:00 in Shanghai and in Taipei is one minute: 110,000 posts at Telegram's 29.4/s take 1 h 02 min
        List<SubscriptionStore.Restored> subscriptions = new ArrayList<>();
        for (int i = 0; i < 110_000; i++) {
            subscriptions.add(new SubscriptionStore.Restored(
                    new ChatRef(Platform.TELEGRAM, String.valueOf(6_000_000 + i), ChatType.PRIVATE),
                    Schedule.everyDay(
                            new Slot(LocalTime.of(8, 0), ZoneId.of(i < 60_000 ? "Asia/Shanghai" : "Asia/Taipei")),
                            Mode.DAILY),
                    "zh",
                    0,
                    SubscriptionStatus.ACTIVE));
        }
        subscriptions.add(new SubscriptionStore.Restored(
                new ChatRef(Platform.TELEGRAM, "42", ChatType.PRIVATE),
                Schedule.everyDay(new Slot(LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai")), Mode.DAILY),
                "zh",
                0,
                SubscriptionStatus.ACTIVE));
        try (Database db = Database.embedded(dir.resolve("data"))) {
            new JdbcSubscriptionStore(db.dataSource()).restoreAll(subscriptions, Instant.now());
        }

        Run r = doctor(env(TOKEN, null));

        assertThat(r.exitCode()).as("a warning, nothing to fix").isZero();
        assertThat(r.output())
                .contains("WARN  busiest minute 110000 telegram subscriptions at 08:00 Asia/Shanghai (00:00 UTC):"
                        + " 1 h 02 min at 29.4/s, more than an hour: the last post goes out 1 h 02 min late")
                .contains("fix: spread these subscriptions over more minutes, or raise the platform's rate");

        List<SubscriptionStore.Restored> unsubscribed = subscriptions.subList(0, 10_000).stream()
                .map(e -> new SubscriptionStore.Restored(
                        e.chat(), e.schedule(), e.language(), e.cursor(), SubscriptionStatus.UNSUBSCRIBED))
                .toList();
        try (Database db = Database.embedded(dir.resolve("data"))) {
            new JdbcSubscriptionStore(db.dataSource()).restoreAll(unsubscribed, Instant.now());
        }
        assertThat(doctor(env(TOKEN, null)).output())
                .contains("ok    busiest minute 100000 telegram subscriptions at 08:00 Asia/Shanghai (00:00 UTC):"
                        + " 56 min 41 s at 29.4/s");
    }

    @Test
    void anUnreachablePostgresqlServerFailsWithTheFix() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = env(TOKEN, null);
        env.put("EXCERPT_BOT_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/excerptbot");
        env.put("EXCERPT_BOT_DB_USER", "bot");
        env.put("EXCERPT_BOT_DB_PASSWORD", "very-secret-password");

        Run r = doctor(env);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output())
                .contains(
                        "FAIL  database       cannot connect to jdbc:postgresql://127.0.0.1:" + closed + "/excerptbot")
                .contains("fix: is the server running and listening at the host and port of EXCERPT_BOT_DB_URL?")
                .doesNotContain("very-secret-password");
    }

    @Test
    void aWebhookIsCheckedAgainstWhatTelegramHas() {
        Map<String, String> env = env(TOKEN, null);
        env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg");
        env.put("TELEGRAM_WEBHOOK_SECRET", "hook_secret_1");
        env.put("EXCERPT_BOT_HTTP_PORT", "65000");
        webhookUrl = "https://bot.example.org/tg";

        Run r = doctor(env);

        assertThat(r.output()).contains("ok    webhook        https://bot.example.org/tg is set");
    }

    @Test
    void againstTheTelegramAdaptersFakeBotApiAGoodTokenPassesAndAWrongOneFails() {
        try (FakeBotApi bot = FakeBotApi.start(TOKEN)) {
            Map<String, String> env = env(TOKEN, null);
            env.put("TELEGRAM_API_URL", bot.url());

            Run good = doctor(env);
            assertThat(good.output())
                    .contains("ok    telegram       token accepted: @" + FakeBotApi.BOT_USERNAME + " (id "
                            + FakeBotApi.BOT_ID + ")");
            assertThat(bot.calls("getMe")).hasSize(1);

            env.put("TELEGRAM_BOT_TOKEN", "123456789:AAF_other_token_abcdefghijklmnopq");
            Run wrong = doctor(env);
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.output())
                    .contains("FAIL  telegram       getMe at " + bot.url() + " answered 401 (Unauthorized)")
                    .doesNotContain("AAF_other_token");
        }
    }
}
