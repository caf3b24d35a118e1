package org.excerptbot.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clustered layout of issue 7, from the packaged jar: two instances in Telegram webhook mode share one
 * PostgreSQL schema (Quartz's clustered job store and the delivery queue) and post to the fake Bot API. A few
 * hundred subscriptions fall due at one minute; once the first instance has sent some posts, its answers are held
 * (its requests still reach the fake) until every one of its senders waits inside the fake, and it is killed with
 * SIGKILL. The survivor sends the rest, including the posts the dead one had claimed and not started, once their
 * lease runs out. Every subscriber gets exactly one post.
 */
class ClusterJarIT {
    private static final String TOKEN = "8000000002:CLUSTER-it_TOKEN-0123456789abcdef";
    private static final String SECRET = "cluster-webhook-secret";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int SUBSCRIBERS = 300;
    private static final long FIRST_CHAT = 610_000_000L;
    /**
     * Time for the import and both instances to start before the slot falls due: about 10 s on an idle 2-core
     * machine, over 40 s when other builds share it.
     */
    private static final Duration START_LEAD = Duration.ofSeconds(75);

    @TempDir
    Path dir;

    @Test
    void twoInstancesSendEveryPostOnceAlthoughOneIsKilledMidFanOut() throws Exception {
        assumeTrue(
                TestDb.postgresAvailable(),
                "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres, trust auth):"
                        + " skipping the two-instance cluster test");
        schema = "eb_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                HoldingProxy proxy = HoldingProxy.to(api.url())) {
            run(api, proxy);
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void run(FakeBotApi api, HoldingProxy proxy) throws Exception {
        for (int i = 0; i < SUBSCRIBERS; i++) api.user(FIRST_CHAT + i, "Reader " + i, "zh-hans");
        Instant due =
                Instant.now().plus(START_LEAD).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        LocalTime slot = due.atZone(ZONE).toLocalTime();

        Map<String, String> db = Map.of(
                "EXCERPT_BOT_DB_URL",
                TestDb.PG_URL + "?currentSchema=" + schema,
                "EXCERPT_BOT_DB_USER",
                TestDb.PG_USER,
                "EXCERPT_BOT_TIMEZONE",
                ZONE.getId());
        Path file = dir.resolve("subscriptions.json");
        Files.writeString(file, subscriptionsJson(slot));
        JarRunner.Result imported = JarRunner.run(List.of("subscriptions", "import", file.toString()), db, "", dir);
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.stdout()).contains(SUBSCRIBERS + " created or changed");

        Instance doomed = Instance.start("a", proxy.url(), db, dir);
        Instance survivor = Instance.start("b", api.url(), db, dir);
        try {
            for (Instance i : List.of(doomed, survivor)) {
                await().atMost(Duration.ofSeconds(60))
                        .failFast("instance " + i.name() + " exited", () -> !i.process()
                                .isAlive())
                        .until(() -> i.logs().contains("slot scheduler started"));
            }
            assertThat(Instant.now())
                    .as("both instances must be up before the slot (%s) falls due; the machine is too slow", due)
                    .isBefore(due);
            assertThat(api.webhook()[0]).isEqualTo("https://bot.example.org/telegram/webhook");

            // the slot fires; the doomed instance sends some posts, then its answers are held
            await().atMost(Duration.between(Instant.now(), due).plusSeconds(60)).until(() -> proxy.sent() >= 10);
            proxy.hold();
            int senders = DeliveryConfig.defaults().sendersFor(Platform.TELEGRAM);
            long pid = doomed.process().pid();
            await().atMost(Duration.ofSeconds(30))
                    .failFast("the queue emptied before every sender of instance a was waiting", () -> queued() == 0)
                    .until(() -> proxy.held() == senders && rowsOf(pid, "SENDING") == senders);

            // exactly one instance fired the slot's trigger, and reported how late it fired
            assertThat(lagCount(doomed) + lagCount(survivor)).isEqualTo(1);

            int claimedByDead = rowsOf(pid, "CLAIMED");
            doomed.process().destroyForcibly();
            assertThat(doomed.process().waitFor(20, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(120))
                    .failFast("the survivor exited", () -> !survivor.process().isAlive())
                    .until(() -> queued() == 0 && sentMessages(api) >= SUBSCRIBERS);

            for (int i = 0; i < SUBSCRIBERS; i++) {
                assertThat(api.messages(FIRST_CHAT + i))
                        .as("posts to subscriber %d", i)
                        .hasSize(1);
            }
            assertThat(sentMessages(api)).isEqualTo(SUBSCRIBERS);
            // the dead instance's posts in flight reached the fake: recorded as sending, never sent again
            assertThat(count("SENDING")).isEqualTo(senders);
            assertThat(count("SENT")).isEqualTo(SUBSCRIBERS - senders);
            if (claimedByDead > 0) assertThat(survivor.logs()).contains("never started are queued again");
            System.out.printf(
                    "cluster: instance a sent %d posts (%d still unanswered when it was killed) and had claimed %d"
                            + " more it never started; instance b sent the other %d%n",
                    proxy.sent(), senders, claimedByDead, SUBSCRIBERS - proxy.sent());
        } catch (Throwable e) {
            throw new AssertionError(
                    "instance a said:\n" + doomed.logs() + "\ninstance b said:\n" + survivor.logs(), e);
        } finally {
            doomed.process().destroyForcibly();
            survivor.process().destroy();
            if (!survivor.process().waitFor(30, TimeUnit.SECONDS))
                survivor.process().destroyForcibly();
        }
        assertThat(survivor.logs()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    private static String subscriptionsJson(LocalTime slot) {
        StringBuilder json =
                new StringBuilder("{\"format\": \"excerpt-bot-subscriptions\", \"version\": 1, \"subscriptions\": [");
        for (int i = 0; i < SUBSCRIBERS; i++) {
            if (i > 0) json.append(',');
            json.append("{\"platform\": \"telegram\", \"chatId\": \"")
                    .append(FIRST_CHAT + i)
                    .append("\", \"chatType\": \"private\", \"time\": \"")
                    .append(String.format("%02d:%02d", slot.getHour(), slot.getMinute()))
                    .append("\", \"zone\": \"")
                    .append(ZONE.getId())
                    .append("\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}");
        }
        return json.append("]}").toString();
    }

    private static long sentMessages(FakeBotApi api) {
        return api.calls("sendMessage").stream().filter(c -> c.status() == 200).count();
    }

    /** The instance's {@code excerptbot_scheduler_lag_seconds_count} on /metrics. */
    private static int lagCount(Instance instance) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^excerptbot_scheduler_lag_seconds_count (\\S+)$")
                .matcher(metrics.body());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
    }

    // ---------------------------------------------------------------- the shared schema

    private String schema;

    /** Posts still to go: pending or claimed. */
    private int queued() throws SQLException {
        return count("PENDING") + count("CLAIMED");
    }

    private int count(String status) throws SQLException {
        return query("SELECT COUNT(*) FROM " + schema + ".delivery WHERE status = ?", status);
    }

    /** Rows in this status claimed by the delivery engine of the process {@code pid} (engine-PID-...). */
    private int rowsOf(long pid, String status) throws SQLException {
        return query(
                "SELECT COUNT(*) FROM " + schema + ".delivery WHERE status = ? AND claimed_by LIKE ?",
                status,
                "engine-" + pid + "-%");
    }

    private static int query(String sql, String... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDb.PG_URL, TestDb.PG_USER, "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void execute(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDb.PG_URL, TestDb.PG_USER, "");
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    // ---------------------------------------------------------------- the instances

    /** One bot process: Telegram in webhook mode behind a (pretend) load balancer, 1 s cluster check-ins. */
    private record Instance(String name, Process process, int httpPort, ByteArrayOutputStream err) {
        static Instance start(String name, String apiUrl, Map<String, String> db, Path dir) throws IOException {
            int port = freePort();
            Map<String, String> env = new HashMap<>(db);
            env.put("TELEGRAM_BOT_TOKEN", TOKEN);
            env.put("TELEGRAM_API_URL", apiUrl);
            env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook");
            env.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
            env.put("EXCERPT_BOT_HTTP_PORT", String.valueOf(port));
            env.put("EXCERPT_BOT_CLUSTER_CHECKIN", "1");
            env.put("EXCERPT_BOT_DATA_DIR", dir.resolve(name).toString());
            Process p = JarRunner.start(List.of(), env, dir);
            drain(p.getInputStream(), new ByteArrayOutputStream());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            drain(p.getErrorStream(), err);
            return new Instance(name, p, port, err);
        }

        String logs() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(into);
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
