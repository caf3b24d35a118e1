package org.excerptbot.app.bench;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Benchmark (not a test), run by {@code bench/jar-fanout-memory.sh}: the memory of a fan-out by the packaged jar.
 * {@code subscriptions} Telegram private chats, all due at one minute (UTC), are imported into a fresh data
 * directory with the jar's own {@code subscriptions import}; then the jar runs (the README's command on
 * {@code -Xmx128m}) against a {@link FakeBotApi} in this JVM that enforces Telegram's flood control
 * ({@link FakeBotApi#limitSendRate}: at most {@code rate} accepted sendMessage in any sliding second, 429 with
 * {@code retry_after} 1 beyond). The bot's VmRSS is sampled every 100 ms from launch until every chat has its
 * post, and VmHWM is read before the bot is stopped with SIGTERM. Prints the peak RSS (target: at most 173 MiB),
 * the send time from the due minute to the last accepted post against the floor ({@code subscriptions / rate}),
 * lost and duplicate posts, 429s, and how long the stop took.
 *
 * <p>Two ways to meet the minute: {@code scheduled} (the default) imports with the minute 25-85 s ahead and starts
 * the bot at once, so the bot is up and polling before the slot's trigger fires, as for a bot that runs all day;
 * {@code catchup} imports just before the minute and starts the bot 2 s after it, so the posts go out by the
 * start-up catch-up (posts due within the grace period and not sent yet), as after a restart.
 *
 * <p>Arguments: {@code [subscriptions=1000] [rate=30] [scheduled|catchup] [heap=128m]}.
 */
public final class FanOutMemoryBench {
    private static final String TOKEN = "7100000003:AAH-jar_fanout-token-0123456789abcdefgh";
    private static final double TARGET_MIB = 173;
    private static final long FIRST_CHAT = 6_000_000;
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private FanOutMemoryBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String mode = args.length > 2 ? args[2] : "scheduled";
        String heap = args.length > 3 ? args[3] : "128m";
        if (!mode.equals("scheduled") && !mode.equals("catchup")) {
            throw new IllegalArgumentException("mode: must be scheduled or catchup, was " + mode);
        }
        WarmFake.run(2_000);
        // the fake's receivedNanos and the due instant on one clock
        long nanosMinusEpochNanos = System.nanoTime() - epochNanos(Instant.now());
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                PackagedJar jar = PackagedJar.fromProperties("-Xmx" + heap)) {
            api.limitSendRate(rate);
            for (int i = 0; i < n; i++) api.user(FIRST_CHAT + i, "reader" + i, "zh");

            Instant due = Instant.now()
                    .plusSeconds(mode.equals("scheduled") ? 25 : 10)
                    .truncatedTo(ChronoUnit.MINUTES)
                    .plus(1, ChronoUnit.MINUTES);
            Path file = jar.home().resolve("subscriptions.json");
            Files.writeString(file, export(n, HH_MM.format(due)), StandardCharsets.UTF_8);
            long i0 = System.nanoTime();
            int exit = jar.run(List.of("subscriptions", "import", file.toString()), Map.of(), 120);
            double importSeconds = (System.nanoTime() - i0) / 1e9;
            if (exit != 0 || jar.logLinesContaining(n + " created or changed") != 1) {
                throw new IllegalStateException("subscriptions import failed (exit " + exit + "):\n" + jar.logTail(10));
            }
            if (!Instant.now().isBefore(due)) {
                throw new IllegalStateException("the import ended after the due minute " + due + "; run again");
            }
            System.out.printf(
                    Locale.ROOT,
                    "imported %d subscriptions (private chats, %s UTC, daily) with `%s` in %.1f s; fake Bot API"
                            + " flood control: %d sendMessage per sliding second (429 retry_after 1 beyond)%n",
                    n,
                    HH_MM.format(due),
                    jar.describe(List.of("subscriptions", "import", "FILE")),
                    importSeconds,
                    rate);
            if (mode.equals("catchup")) {
                long wait = Duration.between(Instant.now(), due.plusSeconds(2)).toMillis();
                await().pollDelay(Duration.ofMillis(Math.max(0, wait)))
                        .atMost(Duration.ofMillis(Math.max(0, wait) + 5_000))
                        .until(() -> Instant.now().isAfter(due.plusSeconds(1)));
            }
            System.out.println("command: " + jar.describe(List.of()) + " (TELEGRAM_API_URL=" + api.url() + ")");
            String loadBefore = ProcStats.loadAverage();
            PackagedJar.Launched bot =
                    jar.launch(List.of(), Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url()));
            long dueNanos = epochNanos(due) + nanosMinusEpochNanos;
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try (ProcStats.RssSampler rss = ProcStats.RssSampler.start(bot.pid())) {
                AtomicLong rssAtDue = new AtomicLong(-1);
                Runnable atDue = () -> {
                    rssAtDue.set(rss.lastKib());
                    rss.mark();
                };
                if (mode.equals("scheduled")) {
                    timer.schedule(atDue, dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                Duration untilDue = Duration.between(Instant.now(), due);
                Duration limit = (untilDue.isNegative() ? Duration.ZERO : untilDue).plusSeconds(120 + 3L * n / rate);
                boolean complete = true;
                try {
                    await().atMost(limit)
                            .pollInterval(Duration.ofMillis(200))
                            .failFast("the bot exited", () -> !bot.process().isAlive())
                            .until(() -> delivered(api).size() >= n);
                    // two seconds more in which nothing new may arrive: late duplicates show up too
                    int accepted = accepted(api);
                    await().during(Duration.ofSeconds(2))
                            .atMost(Duration.ofSeconds(5))
                            .until(() -> accepted(api) == accepted);
                } catch (ConditionTimeoutException e) {
                    complete = false;
                }
                long hwm = ProcStats.statusKib(bot.pid(), "VmHWM");
                double botCpu = ProcStats.cpuMs(bot.pid());
                timer.shutdownNow();

                Map<Long, Integer> posts = delivered(api);
                int duplicates = posts.values().stream().mapToInt(c -> c - 1).sum();
                int lost = n - posts.size();
                List<FakeBotApi.Call> sends = api.calls("sendMessage");
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                int rejected = 0;
                int otherErrors = 0;
                for (FakeBotApi.Call c : sends) {
                    if (c.status() == 200) {
                        first = Math.min(first, c.receivedNanos());
                        last = Math.max(last, c.receivedNanos());
                    } else if (c.status() == 429) {
                        rejected++;
                    } else {
                        otherErrors++;
                    }
                }
                long up = api.calls("deleteWebhook").stream()
                        .mapToLong(FakeBotApi.Call::receivedNanos)
                        .min()
                        .orElse(Long.MAX_VALUE);
                double floor = (double) n / rate;
                double sendSeconds = (last - Math.max(dueNanos, bot.launchNanos())) / 1e9;
                long peak = Math.max(rss.peakKib(), hwm);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT fanout-memory subscriptions=%d rate=%d/s mode=%s heap=%s peak-RSS=%.1fMiB"
                                + " (sampled %.1f, VmHWM %.1f) target<=%.0fMiB: %s; send=%.1fs floor=%.1fs ratio=%.3f"
                                + " lost=%d duplicates=%d 429s=%d other-errors=%d%s%n",
                        n,
                        rate,
                        mode,
                        heap,
                        ProcStats.mib(peak),
                        ProcStats.mib(rss.peakKib()),
                        ProcStats.mib(hwm),
                        TARGET_MIB,
                        ProcStats.mib(peak) <= TARGET_MIB ? "met" : "MISSED",
                        sendSeconds,
                        floor,
                        sendSeconds / floor,
                        lost,
                        duplicates,
                        rejected,
                        otherErrors,
                        complete ? "" : " (the wait for every post timed out)");
                String startedFrom = mode.equals("scheduled") ? "the due minute" : "launch (after the due minute)";
                System.out.printf(
                        Locale.ROOT,
                        "launch -> polling (deleteWebhook) %.1f s, %s; send time is from %s to the last accepted"
                                + " post; first post %.2f s after it, first to last accepted post %.1f s; RSS at the due minute %s, peak from then on %s;"
                                + " %d RSS samples%n",
                        (up - bot.launchNanos()) / 1e9,
                        mode.equals("scheduled")
                                ? String.format(Locale.ROOT, "%.1f s before the due minute", (dueNanos - up) / 1e9)
                                : String.format(
                                        Locale.ROOT,
                                        "launched %.1f s after the due minute",
                                        (bot.launchNanos() - dueNanos) / 1e9),
                        startedFrom,
                        (first - Math.max(dueNanos, bot.launchNanos())) / 1e9,
                        (last - first) / 1e9,
                        rssAtDue.get() < 0
                                ? "n/a"
                                : String.format(Locale.ROOT, "%.1f MiB", ProcStats.mib(rssAtDue.get())),
                        rssAtDue.get() < 0
                                ? "n/a"
                                : String.format(Locale.ROOT, "%.1f MiB", ProcStats.mib(rss.peakSinceMarkKib())),
                        rss.samples());
                System.out.printf(
                        Locale.ROOT,
                        "bot: CPU %.0f ms since launch (%.2f ms per post, start-up included); log: %d 'posts queued'"
                                + " lines, %d 'caught up' lines, %d ERROR lines%n",
                        botCpu,
                        botCpu / n,
                        jar.logLinesContaining("posts queued"),
                        jar.logLinesContaining("caught up"),
                        jar.logLinesContaining("ERROR"));
                double stop = PackagedJar.stop(bot, 60);
                System.out.printf(
                        Locale.ROOT,
                        "SIGTERM stop %s (exit %s); load average %s -> %s%n",
                        stop < 0 ? "did not end in 60 s: killed" : String.format(Locale.ROOT, "%.2f s", stop),
                        bot.process().isAlive()
                                ? "?"
                                : String.valueOf(bot.process().exitValue()),
                        loadBefore,
                        ProcStats.loadAverage());
            } finally {
                timer.shutdownNow();
                bot.process().destroyForcibly();
            }
        }
    }

    /** Accepted posts per chat. */
    private static Map<Long, Integer> delivered(FakeBotApi api) {
        Map<Long, Integer> posts = new HashMap<>();
        for (FakeBotApi.Call c : api.calls("sendMessage")) {
            if (c.status() == 200) posts.merge(c.chatId(), 1, Integer::sum);
        }
        return posts;
    }

    private static int accepted(FakeBotApi api) {
        return (int)
                api.calls("sendMessage").stream().filter(c -> c.status() == 200).count();
    }

    /** A {@code subscriptions export} file of n private chats due at this UTC time. */
    private static String export(int n, String time) {
        StringBuilder json =
                new StringBuilder("{\"format\": \"excerpt-bot-subscriptions\", \"version\": 1, \"subscriptions\": [\n");
        for (int i = 0; i < n; i++) {
            if (i > 0) json.append(",\n");
            json.append(String.format(
                    Locale.ROOT,
                    "{\"platform\": \"telegram\", \"chatId\": \"%d\", \"chatType\": \"private\", \"time\": \"%s\","
                            + " \"zone\": \"UTC\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0,"
                            + " \"status\": \"active\"}",
                    FIRST_CHAT + i,
                    time));
        }
        return json.append("\n]}\n").toString();
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
