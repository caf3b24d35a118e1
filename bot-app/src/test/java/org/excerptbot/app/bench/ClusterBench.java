package org.excerptbot.app.bench;

import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Benchmark (not a test), run by {@code bench/scale-cluster.sh}: three packaged jars on one PostgreSQL share one
 * minute of {@code posts} Telegram posts with the paid broadcast on ({@code TELEGRAM_PAID_BROADCAST}, webhook mode,
 * 1 s cluster check-ins as in {@code ClusterJarIT}), against a {@link FakeBotApi} that holds paid messages to
 * {@code rate} per sliding second (429 beyond). Once half the minute is accepted, the third instance is killed with
 * SIGKILL. Reported: the most sendMessage requests and the most accepted messages in any sliding second across the
 * three, the 429s, the messages each chat got (none missing, no duplicates), the rows the dead instance left
 * {@code SENDING} (possibly delivered, never sent again: the at-most-once rule) and whether their chats got the post,
 * the send time against the floor, and what each instance sent.
 *
 * <p>Arguments: {@code [posts=30000] [rate=1000] [heap=128m]}. The database is {@code excerpt_bench_cluster} on
 * 127.0.0.1:5432 (user postgres, trust), dropped and created for each run.
 */
public final class ClusterBench {
    private static final String TOKEN = "7100000008:AAH-cluster_bench-token-0123456789abc";
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DB = "excerpt_bench_cluster";
    private static final long FIRST_CHAT = 6_000_000; // as ScaleBench's export numbers them
    private static final long SECOND = 1_000_000_000L;

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String heap = args.length > 2 ? args[2] : "128m";
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB);
            st.execute("CREATE DATABASE " + DB);
        }
        Map<String, String> db =
                Map.of("EXCERPT_BOT_DB_URL", PG + DB, "EXCERPT_BOT_DB_USER", "postgres", "EXCERPT_BOT_DB_PASSWORD", "");
        long nanosMinusEpochNanos = System.nanoTime() - ScaleBench.epochNanos(Instant.now());
        List<PackagedJar> jars = new ArrayList<>();
        List<PackagedJar.Launched> bots = new ArrayList<>();
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                PackagedJar importer = PackagedJar.fromProperties("-Xmx1g")) {
            api.limitSendRate(30, rate);
            for (int i = 0; i < posts; i++) api.user(FIRST_CHAT + i, "reader" + i, "zh");
            // the import and three start-ups before the minute: over a minute when other builds share the cores
            Instant due = Instant.now()
                    .plusSeconds(90)
                    .truncatedTo(ChronoUnit.MINUTES)
                    .plus(1, ChronoUnit.MINUTES);
            Path file = importer.home().resolve("subscriptions.json");
            ScaleBench.writeExport(file, posts, posts, due);
            int exit = importer.run(List.of("subscriptions", "import", file.toString()), db, 300);
            if (exit != 0) throw new IllegalStateException("import failed:\n" + importer.logTail(10));
            String loadBefore = ProcStats.loadAverage();
            for (int i = 0; i < 3; i++) {
                PackagedJar jar = PackagedJar.fromProperties("-Xmx" + heap);
                jars.add(jar);
                bots.add(jar.launch(List.of(), instanceEnv(db, api.url())));
            }
            for (PackagedJar jar : jars) {
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> jar.logLinesContaining("slot scheduler started") > 0);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d posts due at %s, three instances up %s%n",
                    posts,
                    due,
                    Instant.now().isBefore(due) ? "before the minute" : "AFTER the minute (a catch-up run)");
            long dueNanos = ScaleBench.epochNanos(due) + nanosMinusEpochNanos;
            PackagedJar.Launched victim = bots.get(2);
            Duration untilDue = Duration.between(Instant.now(), due);
            await().atMost(untilDue.plusSeconds(60 + 2L * posts / rate))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> api.acceptedMessages() >= posts / 2);
            long killedNanos = System.nanoTime();
            long acceptedAtKill = api.acceptedMessages();
            victim.process().destroyForcibly();
            victim.process().waitFor();
            boolean complete = true;
            try (Connection watch = DriverManager.getConnection(PG + DB, "postgres", "")) {
                try {
                    await().atMost(Duration.ofSeconds(120 + 2L * posts / rate))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> queued(watch, victim.pid()) == 0);
                } catch (ConditionTimeoutException e) {
                    complete = false;
                }
                report(api, watch, posts, rate, dueNanos, killedNanos, acceptedAtKill, victim, bots, complete);
            }
            for (PackagedJar.Launched bot : bots) PackagedJar.stop(bot, 30);
            System.out.printf(Locale.ROOT, "load average %s -> %s%n", loadBefore, ProcStats.loadAverage());
        } finally {
            for (PackagedJar.Launched bot : bots) bot.process().destroyForcibly();
            for (PackagedJar jar : jars) jar.close();
        }
    }

    private static Map<String, String> instanceEnv(Map<String, String> db, String apiUrl) throws Exception {
        Map<String, String> env = new HashMap<>(db);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", apiUrl);
        // webhook mode: three instances polling getUpdates would take each other's updates (409)
        env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook");
        env.put("TELEGRAM_WEBHOOK_SECRET", "cluster-bench-secret");
        env.put("TELEGRAM_PAID_BROADCAST", "true");
        env.put("EXCERPT_BOT_HTTP_PORT", String.valueOf(port));
        env.put("EXCERPT_BOT_CLUSTER_CHECKIN", "1");
        return env;
    }

    private static void report(
            FakeBotApi api,
            Connection watch,
            int posts,
            int rate,
            long dueNanos,
            long killedNanos,
            long acceptedAtKill,
            PackagedJar.Launched victim,
            List<PackagedJar.Launched> bots,
            boolean complete)
            throws Exception {
        List<FakeBotApi.Call> calls = api.calls("sendMessage");
        long[] requests = calls.stream()
                .mapToLong(FakeBotApi.Call::receivedNanos)
                .sorted()
                .toArray();
        List<FakeBotApi.Call> ok = calls.stream().filter(c -> c.status() == 200).toList();
        long[] accepted =
                ok.stream().mapToLong(FakeBotApi.Call::receivedNanos).sorted().toArray();
        Map<Long, Long> perChat =
                ok.stream().collect(Collectors.groupingBy(FakeBotApi.Call::chatId, Collectors.counting()));
        long duplicates = perChat.values().stream().filter(n -> n > 1).count();
        long missing = posts - perChat.size();
        Map<String, Integer> status = grouped(watch, "SELECT status, COUNT(*) FROM delivery GROUP BY status");
        Map<String, Integer> sentBy = grouped(
                watch,
                "SELECT split_part(claimed_by, '-', 2), COUNT(*) FROM delivery WHERE status = 'SENT' GROUP BY 1");
        // rows left sending by the dead instance, and whether their chats got the post all the same
        int deadSending = 0;
        int deadSendingDelivered = 0;
        try (Statement st = watch.createStatement();
                ResultSet r = st.executeQuery("SELECT s.chat_id FROM delivery d JOIN subscription s ON s.id ="
                        + " d.subscription_id WHERE d.status = 'SENDING' AND d.claimed_by LIKE 'engine-"
                        + victim.pid() + "-%'")) {
            while (r.next()) {
                deadSending++;
                if (perChat.containsKey(Long.parseLong(r.getString(1)))) deadSendingDelivered++;
            }
        }
        long last = accepted.length == 0 ? dueNanos : accepted[accepted.length - 1];
        double sendSeconds = (last - dueNanos) / 1e9;
        double floor = (double) posts / rate;
        System.out.printf(
                Locale.ROOT,
                "RESULT cluster posts=%d rate=%d/s%s killed=%.1fs after the minute at %d accepted;"
                        + " busiest sliding second: %d requests, %d accepted; 429s=%d; chats with a post=%d"
                        + " missing=%d duplicates=%d; left sending by the dead instance=%d (of which delivered %d);"
                        + " send=%.1fs floor=%.1fs ratio=%.3f%n",
                posts,
                rate,
                complete ? "" : " (timed out)",
                (killedNanos - dueNanos) / 1e9,
                acceptedAtKill,
                busiestSecond(requests),
                busiestSecond(accepted),
                calls.size() - ok.size(),
                perChat.size(),
                missing,
                duplicates,
                deadSending,
                deadSendingDelivered,
                sendSeconds,
                floor,
                sendSeconds / floor);
        System.out.println("  rows by status: " + status);
        System.out.println("  sent per instance (by pid): " + sentBy + "; killed: " + victim.pid() + "; all: "
                + bots.stream().map(PackagedJar.Launched::pid).toList());
    }

    /** The most timestamps (sorted nanos) within any sliding second. */
    static int busiestSecond(long[] sorted) {
        int most = 0;
        for (int lo = 0, hi = 0; hi < sorted.length; hi++) {
            while (sorted[hi] - sorted[lo] >= SECOND) lo++;
            most = Math.max(most, hi - lo + 1);
        }
        return most;
    }

    /** Posts still to go: queued, claimed, or being sent by a live instance. */
    private static int queued(Connection c, long deadPid) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT COUNT(*) FROM delivery WHERE status IN ('PENDING', 'CLAIMED')"
                        + " OR (status = 'SENDING' AND claimed_by NOT LIKE 'engine-" + deadPid + "-%')")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Map<String, Integer> grouped(Connection c, String sql) throws java.sql.SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery(sql)) {
            while (r.next()) counts.put(r.getString(1), r.getInt(2));
        }
        return counts;
    }
}
