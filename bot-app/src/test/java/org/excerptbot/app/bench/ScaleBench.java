package org.excerptbot.app.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.excerptbot.core.store.Database;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Benchmark (not a test), run by {@code bench/scale-postgres.sh}: the packaged jar on PostgreSQL with
 * {@code total} subscriptions, {@code share} of them (Telegram private chats) due at one minute (UTC) and the
 * others spread over the rest of the day, imported with the jar's own {@code subscriptions import}. The bot then
 * runs against a {@link FakeBotApi} that enforces {@code rate} sendMessage per sliding second (429 beyond), with
 * /metrics on. Measured: the import's wall time; from the minute, the first accepted post, the time until every post
 * of the minute is queued (the database polled every 200 ms), the posts' lateness against the due minute (p50, p99,
 * max), the send time against the floor (posts / rate); the bot's peak RSS and peak heap (jvm_memory_used_bytes of
 * area heap, scraped every 500 ms), its CPU per post, PostgreSQL's CPU per post ({@link PostgresCpu}, from the
 * bot's launch to the end) and the database's size. A {@code rate} above Telegram's free 30/s turns on the paid
 * broadcast in the jar ({@code TELEGRAM_PAID_BROADCAST}); the fake then holds messages sent with
 * {@code allow_paid_broadcast} to {@code rate} per sliding second and any others to 30. With {@code stopAfter} seconds
 * greater than 0 the run stops then (lateness and the ratio then cover only the posts sent so far). The import runs
 * with {@code -Xmx4g} (system property {@code bench.importHeap}), the bot with {@code heap}.
 *
 * <p>Arguments: {@code [total=10000] [share=0.3] [rate=30] [stopAfter=0] [heap=128m]}. The database is
 * {@code excerpt_bench_scale} on 127.0.0.1:5432 (user postgres, trust), dropped and created for each run; with the
 * environment's {@code BENCH_DB=h2}, the bot's default embedded H2 database in its data directory instead, watched
 * through the server the bot runs for it (no database CPU is measured then).
 */
public final class ScaleBench {
    private static final String TOKEN = "7100000007:AAH-scale_bench-token-0123456789abcdef";
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DB = "excerpt_bench_scale";
    private static final boolean H2 = "h2".equalsIgnoreCase(System.getenv().getOrDefault("BENCH_DB", ""));
    private static final String IMPORT_HEAP = System.getProperty("bench.importHeap", "4g");
    private static final long FIRST_CHAT = 6_000_000;
    private static final int FREE_RATE = 30;
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");

    private ScaleBench() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int stopAfter = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String heap = args.length > 4 ? args[4] : "128m";
        int minute = (int) Math.round(total * share);
        if (!H2) {
            try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + DB);
                st.execute("CREATE DATABASE " + DB);
            }
        }
        WarmFake.run(2_000);
        long nanosMinusEpochNanos = System.nanoTime() - epochNanos(Instant.now());
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                PackagedJar jar = PackagedJar.fromProperties("-Xmx" + heap)) {
            // the import writes the bot's own embedded database, in the bot's data directory
            Map<String, String> db = H2
                    ? Map.of("EXCERPT_BOT_DATA_DIR", jar.dataDir().toString())
                    : Map.of(
                            "EXCERPT_BOT_DB_URL",
                            PG + DB,
                            "EXCERPT_BOT_DB_USER",
                            "postgres",
                            "EXCERPT_BOT_DB_PASSWORD",
                            "");
            boolean paid = rate > FREE_RATE;
            if (paid) api.limitSendRate(FREE_RATE, rate);
            else api.limitSendRate(rate, 0);
            for (int i = 0; i < minute; i++) api.user(FIRST_CHAT + i, "reader" + i, "zh");
            // the import must end before the minute: about 10 s per 100,000 rows on this machine, and the start-up
            Instant due = Instant.now()
                    .plusSeconds(40 + total / 8_000)
                    .truncatedTo(ChronoUnit.MINUTES)
                    .plus(1, ChronoUnit.MINUTES);
            Path file = jar.home().resolve("subscriptions.json");
            writeExport(file, total, minute, due);
            long i0 = System.nanoTime();
            int exit;
            // the import holds the whole file as a JSON tree: far more than the bot's heap at a million rows
            try (PackagedJar importer = PackagedJar.fromProperties("-Xmx" + IMPORT_HEAP)) {
                exit = importer.run(List.of("subscriptions", "import", file.toString()), db, 900);
                if (exit != 0) System.err.println(importer.logTail(5));
            }
            double importSeconds = (System.nanoTime() - i0) / 1e9;
            if (exit != 0) throw new IllegalStateException("import failed (exit " + exit + "):\n" + jar.logTail(10));
            System.out.printf(
                    Locale.ROOT,
                    "imported %d subscriptions (%d due at %s UTC, the rest over the day) in %.1f s; %s%n",
                    total,
                    minute,
                    HH_MM.format(due),
                    importSeconds,
                    Instant.now().isBefore(due) ? "the minute is ahead" : "the minute has PASSED: a catch-up run");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String loadBefore = ProcStats.loadAverage();
            Map<String, String> env = new java.util.HashMap<>(db);
            env.putAll(Map.of(
                    "TELEGRAM_BOT_TOKEN", TOKEN,
                    "TELEGRAM_API_URL", api.url(),
                    "EXCERPT_BOT_HTTP_PORT", String.valueOf(port)));
            if (paid) env.put("TELEGRAM_PAID_BROADCAST", "true");
            PostgresCpu.Sample pg0 = H2 ? new PostgresCpu.Sample(0, 0) : PostgresCpu.sample(DB);
            double driverCpu0 = ProcStats.ownCpuMs();
            PackagedJar.Launched bot = jar.launch(List.of(), env);
            long dueNanos = epochNanos(due) + nanosMinusEpochNanos;
            AtomicLong queuedNanos = new AtomicLong(-1);
            AtomicLong peakHeap = new AtomicLong();
            HttpClient http = HttpClient.newHttpClient();
            try (ProcStats.RssSampler rss = ProcStats.RssSampler.start(bot.pid());
                    Connection watch =
                            H2 ? served(jar.dataDir()) : DriverManager.getConnection(PG + DB, "postgres", "")) {
                Duration untilDue = Duration.between(Instant.now(), due);
                Duration limit = (untilDue.isNegative() ? Duration.ZERO : untilDue)
                        // a loaded machine sends the paid rate at a fraction of it: room for 5 x the floor
                        .plusSeconds(stopAfter > 0 ? stopAfter : 120 + 5L * minute / rate);
                boolean complete = true;
                long[] lastScrape = {0};
                long[] lastAccepted = {-1};
                long[] lastProgress = {System.nanoTime()};
                // the bot's CPU when the minute begins: what the sending costs, without the start-up
                double[] botCpuAtDue = {-1};
                try {
                    await().atMost(limit)
                            .pollInterval(Duration.ofMillis(200))
                            .failFast("the bot exited", () -> !bot.process().isAlive())
                            .until(() -> {
                                if (botCpuAtDue[0] < 0 && System.nanoTime() >= dueNanos) {
                                    botCpuAtDue[0] = ProcStats.cpuMs(bot.pid());
                                }
                                if (queuedNanos.get() < 0 && queued(watch, due) >= minute) {
                                    queuedNanos.set(System.nanoTime());
                                }
                                if (System.nanoTime() - lastScrape[0] > 500_000_000L) {
                                    lastScrape[0] = System.nanoTime();
                                    peakHeap.accumulateAndGet(heapBytes(http, port), Math::max);
                                }
                                boolean stop =
                                        stopAfter > 0 && System.nanoTime() > dueNanos + stopAfter * 1_000_000_000L;
                                if (stop || api.acceptedMessages() >= minute) return true;
                                // a post that failed for good is never accepted: once acceptances stall for 2 s
                                // (the query scans the queue), done when none is left to send
                                long accepted = api.acceptedMessages();
                                if (accepted != lastAccepted[0]) {
                                    lastAccepted[0] = accepted;
                                    lastProgress[0] = System.nanoTime();
                                    return false;
                                }
                                if (queuedNanos.get() < 0 || System.nanoTime() - lastProgress[0] < 2_000_000_000L)
                                    return false;
                                lastProgress[0] = System.nanoTime();
                                return unsettled(watch, due) == 0;
                            });
                } catch (ConditionTimeoutException e) {
                    complete = false;
                }
                String metrics = scrape(http, port);
                long hwm = ProcStats.statusKib(bot.pid(), "VmHWM");
                double botCpu = ProcStats.cpuMs(bot.pid());
                // the fake Bot API's share of the machine, with the driver's polling (which is small)
                double driverCpu = ProcStats.ownCpuMs() - driverCpu0;
                PostgresCpu.Sample pgCpu = H2 ? pg0 : PostgresCpu.sample(DB).minus(pg0);
                long size = H2 ? Files.size(jar.dataDir().resolve(Database.H2_FILE + ".mv.db")) : pgSize(watch);
                long[] sent = accepted(api);
                long[] lateness =
                        Arrays.stream(sent).map(t -> t - dueNanos).sorted().toArray();
                long first = sent.length == 0 ? -1 : Arrays.stream(sent).min().getAsLong();
                long last = sent.length == 0 ? -1 : Arrays.stream(sent).max().getAsLong();
                long start = Math.max(dueNanos, bot.launchNanos());
                double sendSeconds = (last - start) / 1e9;
                double floor = (double) sent.length / rate;
                System.out.printf(
                        Locale.ROOT,
                        "RESULT scale total=%d minute=%d rate=%d/s import=%.1fs first-post=%.2fs queued=%s sent=%d%s"
                                + " lateness p50=%.1fs p99=%.1fs max=%.1fs send=%.1fs floor=%.1fs ratio=%.3f"
                                + " peak-RSS=%.1fMiB peak-heap=%.1fMiB db=%.0fMB cpu/post=%.2fms (sending %.2fms)"
                                + " pg-cpu/post=%s fake-api-cpu/post=%.2fms%s%n",
                        total,
                        minute,
                        rate,
                        importSeconds,
                        (first - start) / 1e9,
                        queuedNanos.get() < 0
                                ? "not-all"
                                : String.format(Locale.ROOT, "%.2fs", (queuedNanos.get() - start) / 1e9),
                        sent.length,
                        complete ? "" : " (timed out)",
                        ProcStats.percentile(lateness, 50) / 1e9,
                        ProcStats.percentile(lateness, 99) / 1e9,
                        lateness.length == 0 ? 0 : lateness[lateness.length - 1] / 1e9,
                        sendSeconds,
                        floor,
                        sendSeconds / floor,
                        ProcStats.mib(Math.max(rss.peakKib(), hwm)),
                        peakHeap.get() / 1048576.0,
                        size / 1e6,
                        botCpu / Math.max(1, sent.length),
                        (botCpu - Math.max(0, botCpuAtDue[0])) / Math.max(1, sent.length),
                        H2
                                ? "n/a (H2)"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2fms (whole server %.2fms)",
                                        pgCpu.ownMs() / Math.max(1, sent.length),
                                        pgCpu.allMs() / Math.max(1, sent.length)),
                        driverCpu / Math.max(1, sent.length),
                        paid ? " paid" : "");
                for (String line : metrics.lines().toList()) {
                    if (line.startsWith("excerptbot_delivery_backlog")) System.out.println("  at the end: " + line);
                }
                double stop = PackagedJar.stop(bot, 30);
                System.out.printf(
                        Locale.ROOT,
                        "SIGTERM stop %s; load average %s -> %s; %d 429s, %d paid messages%n",
                        stop < 0 ? "did not end in 30 s: killed" : String.format(Locale.ROOT, "%.2f s", stop),
                        loadBefore,
                        ProcStats.loadAverage(),
                        api.calls("sendMessage").stream()
                                .filter(c -> c.status() == 429)
                                .count(),
                        api.paidMessages());
            } finally {
                bot.process().destroyForcibly();
            }
        }
    }

    /** Writes the export: the first {@code minute} chats at the due minute, the rest at other minutes of the day. */
    static void writeExport(Path file, int total, int minute, Instant due) throws java.io.IOException {
        Random random = new Random(total);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"format\": \"excerpt-bot-subscriptions\", \"version\": 1, \"subscriptions\": [\n");
            for (int i = 0; i < total; i++) {
                // the others at least two hours after the minute and more than the 6 h grace before it, so that
                // none falls due during the run or is caught up at the start
                Instant at = i < minute ? due : due.plus(120 + random.nextInt(24 * 60 - 120 - 370), ChronoUnit.MINUTES);
                if (i > 0) w.write(",\n");
                w.write(String.format(
                        Locale.ROOT,
                        "{\"platform\": \"telegram\", \"chatId\": \"%d\", \"chatType\": \"private\", \"time\": \"%s\","
                                + " \"zone\": \"UTC\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0,"
                                + " \"status\": \"active\"}",
                        FIRST_CHAT + i,
                        HH_MM.format(at)));
            }
            w.write("\n]}\n");
        }
    }

    /** The bot's embedded database, through the server the bot runs for it once it has opened it. */
    private static Connection served(Path dataDir) throws java.sql.SQLException {
        String url = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Database.servedUrl(dataDir), java.util.Optional::isPresent)
                .get();
        return DriverManager.getConnection(url, "sa", "");
    }

    private static long pgSize(Connection c) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT pg_database_size('" + DB + "')")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long queued(Connection c, Instant due) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT COUNT(*) FROM delivery WHERE due_at = " + due.toEpochMilli())) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The minute's posts still to be sent: pending, claimed or sending. */
    private static long unsettled(Connection c, Instant due) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT COUNT(*) FROM delivery WHERE due_at = " + due.toEpochMilli()
                        + " AND status IN ('PENDING', 'CLAIMED', 'SENDING')")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String scrape(HttpClient http, int port) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static long heapBytes(HttpClient http, int port) {
        double sum = 0;
        Matcher m = HEAP.matcher(scrape(http, port));
        while (m.find()) sum += Double.parseDouble(m.group(1));
        return (long) sum;
    }

    /** When each accepted post arrived (System.nanoTime). */
    private static long[] accepted(FakeBotApi api) {
        return api.calls("sendMessage").stream()
                .filter(c -> c.status() == 200)
                .mapToLong(FakeBotApi.Call::receivedNanos)
                .toArray();
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
