package org.excerptbot.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.delivery.BacklogMonitor;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.metrics.MeteredCommands;
import org.excerptbot.core.metrics.MeteredMessenger;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthRegistry health = new HealthRegistry(500);
    private final MicrometerBotMetrics metrics = new MicrometerBotMetrics();
    private OpsServer server;

    private int start() {
        server = OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health, metrics);
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void healthzIsReadyWhenTheDatabaseAndEveryPlatformAreUp(@TempDir Path dir) throws Exception {
        try (Database db = Database.embedded(dir)) {
            health.register("database", new DatabaseHealth(db.dataSource()));
            health.register("telegram", () -> HealthCheck.Result.up("polling as @excerpt_bot"));
            int port = start();

            HttpResponse<String> r = Http.get(port, "/healthz");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("ready").asBoolean()).isTrue();
            assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/database/detail").asText()).isEqualTo("H2 answers");
            assertThat(body.at("/checks/telegram/detail").asText()).isEqualTo("polling as @excerpt_bot");
        }
    }

    @Test
    void healthzIsNotReadyWhenTheDatabaseIsGoneButTheProcessIsStillLive(@TempDir Path dir) throws Exception {
        Database db = Database.embedded(dir);
        health.register("database", new DatabaseHealth(db.dataSource()));
        health.register("discord", () -> HealthCheck.Result.up("connected"));
        int port = start();
        db.close();

        HttpResponse<String> r = Http.get(port, "/healthz");

        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/database/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/database/detail").asText()).startsWith("no connection:");
        assertThat(body.at("/checks/discord/status").asText()).isEqualTo("UP");
        assertThat(Http.get(port, "/healthz/live").statusCode()).isEqualTo(200);
    }

    @Test
    void healthzIsDegradedButReadyWhileTheBacklogCannotBeSentBeforeTheNextDay(@TempDir Path dir) throws Exception {
        Slot eight = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
        LocalDate day = LocalDate.of(2026, 3, 2);
        Instant due = eight.dueOn(day);
        MutableClock clock = new MutableClock(due.plus(Duration.ofHours(2)));
        try (Database db = Database.embedded(dir)) {
            SubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            for (int i = 0; i < 3; i++) {
                subscriptions.save(
                        new ChatRef(Platform.TELEGRAM, "c" + i, ChatType.PRIVATE),
                        eight,
                        Mode.DAILY,
                        "zh",
                        due.minusSeconds(60));
            }
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db);
            deliveries.enqueue(eight, day, due);
            // three posts at one every 8 h: 24 h to send, and the oldest is 2 h late already
            DeliveryConfig slow = DeliveryConfig.builder()
                    .limits(Platform.TELEGRAM, new PlatformLimits(1 / 28_800.0, 0, 1, 1, 20, Duration.ofSeconds(30)))
                    .build();
            health.register(
                    "backlog",
                    new BacklogMonitor(deliveries, slow, clock, Duration.ZERO).healthOf(List.of(Platform.TELEGRAM)));
            int port = start();

            HttpResponse<String> r = Http.get(port, "/healthz");

            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/checks/backlog/status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/checks/backlog/detail").asText())
                    .startsWith("3 telegram posts wait (the oldest for 2 h 00 min)")
                    .contains("they take 24 h 00 min");

            clock.set(due.minusSeconds(1));
            assertThat(JSON.readTree(Http.get(port, "/healthz").body())
                            .get("status")
                            .asText())
                    .as("nothing due yet")
                    .isEqualTo("UP");
        }
    }

    @Test
    void aHungOrThrowingCheckCountsAsDownWithoutHangingTheEndpoint() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        health.register("telegram", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HealthCheck.Result.up("unreachable");
        });
        health.register("discord", () -> {
            throw new IllegalStateException("gateway closed");
        });
        int port = start();

        JsonNode body = JSON.readTree(Http.get(port, "/healthz").body());

        assertThat(body.at("/checks/telegram/detail").asText()).isEqualTo("no answer within 500 ms");
        assertThat(body.at("/checks/discord/detail").asText()).contains("gateway closed");
        assertThat(body.get("ready").asBoolean()).isFalse();
    }

    @Test
    void aStoppingInstanceIsNotReady() throws Exception {
        health.register("telegram", () -> HealthCheck.Result.up("polling"));
        int port = start();
        health.markStopping();

        HttpResponse<String> r = Http.get(port, "/healthz");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("STOPPING");
    }

    @Test
    void metricsShowCommandsRepliesPostsRateLimitsQueueDepthAndSchedulerLag() {
        AppConfig config = ConfigLoader.load(Map.of(), Map.of(), Optional.empty());
        CoreServices core = CoreServices.build(
                config,
                java.time.Clock.systemUTC(),
                org.excerptbot.core.command.ChatZones.fixed(config.zone()),
                java.util.List.of());
        CommandDispatcher dispatcher = new CommandDispatcher(
                MeteredCommands.wrap(core.registry(), metrics),
                core.messages(),
                new FloodControl(100, java.time.Clock.systemUTC()),
                CommandDispatcher.OwnerCheck.NOBODY);
        ChatRef chat = new ChatRef(Platform.TELEGRAM, "4242", ChatType.PRIVATE);
        Optional<Reply> today = dispatcher.dispatch(request(chat, "today", ""));
        // an error the handler itself gives (argument refusals happen before any handler and are not counted)
        Optional<Reply> badRead = dispatcher.dispatch(request(chat, "search", "in:9 网络"));
        dispatcher.dispatch(request(chat, "today", ""));
        assertThat(today).get().extracting(Reply::kind).isEqualTo(Reply.Kind.CONTENT);
        assertThat(badRead).get().extracting(Reply::kind).isEqualTo(Reply.Kind.ERROR);

        AtomicInteger next = new AtomicInteger();
        SendOutcome[] outcomes = {
            new SendOutcome.Sent("1"),
            new SendOutcome.Sent("2"),
            new SendOutcome.RateLimited(Duration.ofSeconds(3)),
            new SendOutcome.Forbidden("bot was blocked by the user"),
            new SendOutcome.Failed("502 Bad Gateway", true)
        };
        Messenger telegram = new MeteredMessenger(
                new Messenger() {
                    @Override
                    public Platform platform() {
                        return Platform.TELEGRAM;
                    }

                    @Override
                    public SendOutcome send(ChatRef to, Reply reply) {
                        return outcomes[next.getAndIncrement()];
                    }
                },
                metrics);
        for (int i = 0; i < outcomes.length; i++) telegram.send(chat, Reply.notice("post"));
        AtomicInteger depth = new AtomicInteger(17);
        metrics.deliveryQueueDepth(depth::get);
        metrics.deliveryBacklog(Platform.TELEGRAM, () -> 120_000, () -> 5400.5);
        metrics.schedulerLag(Duration.ofMillis(1500));
        int port = start();

        HttpResponse<String> r = Http.get(port, "/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        String text = r.body();
        assertThat(text)
                .contains("excerptbot_commands_total{command=\"today\",platform=\"telegram\"} 2.0")
                .contains("excerptbot_commands_total{command=\"search\",platform=\"telegram\"} 1.0")
                .contains("excerptbot_replies_total{kind=\"content\",platform=\"telegram\"} 2.0")
                .contains("excerptbot_replies_total{kind=\"error\",platform=\"telegram\"} 1.0")
                .contains("excerptbot_posts_sent_total{platform=\"telegram\"} 2.0")
                .contains("excerptbot_posts_failed_total{kind=\"forbidden\",platform=\"telegram\"} 1.0")
                .contains("excerptbot_posts_failed_total{kind=\"transient\",platform=\"telegram\"} 1.0")
                .contains("excerptbot_rate_limited_total{platform=\"telegram\"} 1.0")
                .contains("excerptbot_delivery_queue_depth 17.0")
                .contains("excerptbot_delivery_backlog_posts{platform=\"telegram\"} 120000.0")
                .contains("excerptbot_delivery_backlog_oldest_age_seconds{platform=\"telegram\"} 5400.5")
                .contains("excerptbot_scheduler_lag_seconds_count 1")
                .contains("excerptbot_scheduler_lag_seconds_max 1.5")
                .contains("jvm_memory_used_bytes");

        depth.set(3);
        assertThat(Http.get(port, "/metrics").body()).contains("excerptbot_delivery_queue_depth 3.0");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() {
        int port = start();
        assertThat(Http.get(port, "/admin").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/healthz/more").statusCode()).isEqualTo(404);
        assertThat(Http.post(port, "/metrics", "", Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void closingStopsAcceptingConnections() {
        int port = start();
        assertThat(Http.get(port, "/healthz/live").statusCode()).isEqualTo(200);
        server.close();
        server = null;
        AtomicBoolean refused = new AtomicBoolean();
        try {
            Http.get(port, "/healthz/live");
        } catch (java.io.UncheckedIOException e) {
            refused.set(true);
        }
        assertThat(refused).isTrue();
    }

    private static Request request(ChatRef chat, String command, String args) {
        return new Request(
                chat, new UserRef("4242", "Lin"), Locale.ENGLISH, new Input.Command(command, args), AdminCheck.ALWAYS);
    }
}
