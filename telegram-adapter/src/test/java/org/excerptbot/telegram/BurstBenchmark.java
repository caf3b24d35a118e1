package org.excerptbot.telegram;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Benchmark (not a test): {@code users} users each send one command in a single burst through the fake Bot API,
 * to the bot running in its own JVM with a small heap. Reports, per round: the latency from an update's arrival at
 * the bot (the getUpdates answer that carried it) to the fake receiving its reply's request, p50/p99/max; the same
 * from the moment the update was enqueued at the fake (what the user feels, including the wait in Telegram's
 * queue); replies per second; replies lost and duplicated; the bot's CPU per reply (user and system), its heap and
 * GC, the connections it opened and the machine's load average. Round 1 is cold, the last is reported as warm.
 *
 * <p>Arguments: {@code [users] [bot-heap]}, default {@code 1000 128m}; system properties {@code bench.rounds}
 * (default 4) and {@code bench.botJvm} (extra JVM options for the bot). Run by {@code bench/telegram-burst.sh}.
 */
public final class BurstBenchmark {
    private static final String TOKEN = "9000000001:BENCH-token";
    private static final PrintStream out = System.out;

    private BurstBenchmark() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String heap = args.length > 1 ? args[1] : "128m";
        int rounds = Integer.getInteger("bench.rounds", 4);
        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
            String extra = System.getProperty("bench.botJvm", "").strip();
            if (!extra.isEmpty()) command.addAll(Arrays.asList(extra.split("\\s+")));
            command.addAll(List.of(
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.org.excerptbot=warn",
                    "-Dorg.slf4j.simpleLogger.log.org.telegram=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BenchBot.class.getName(),
                    api.url(),
                    TOKEN));
            Process bot = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader botStats =
                    new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
            try {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .failFast("the bot exited", () -> !bot.isAlive())
                        .until(() -> api.callCount("getUpdates") > 0);
                out.printf(
                        Locale.ROOT,
                        "bot: -Xmx%s %s, %d CPUs, Java %s; %d users, command %s, %d rounds%n",
                        heap,
                        extra,
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        users,
                        BenchCommands.command(),
                        rounds);
                stats(bot, botStats); // start-up's GC and heap peak are not a round's
                for (int round = 1; round <= rounds; round++) {
                    long[] cpuBefore = cpuTicks(bot.pid());
                    int connectionsBefore = api.connectionsOpened();
                    String loadBefore = loadAverage();
                    round(api, round, rounds, users, round * 1_000_000L);
                    long[] cpuAfter = cpuTicks(bot.pid());
                    out.printf(
                            Locale.ROOT,
                            "         bot CPU %.2f ms per reply (user %.2f, system %.2f); %s; %d new connections;"
                                    + " load average %s -> %s%n",
                            ticksToMs(cpuAfter[0] + cpuAfter[1] - cpuBefore[0] - cpuBefore[1]) / users,
                            ticksToMs(cpuAfter[0] - cpuBefore[0]) / users,
                            ticksToMs(cpuAfter[1] - cpuBefore[1]) / users,
                            stats(bot, botStats),
                            api.connectionsOpened() - connectionsBefore,
                            loadBefore,
                            loadAverage());
                }
            } finally {
                bot.getOutputStream().close();
                bot.waitFor(10, TimeUnit.SECONDS);
                bot.destroyForcibly();
            }
        }
    }

    private static void round(FakeBotApi api, int round, int rounds, int users, long firstUserId) {
        List<FakeBotApi.User> people = new ArrayList<>(users);
        for (int i = 0; i < users; i++) people.add(api.user(firstUserId + i, "u" + i, i % 2 == 0 ? "zh" : "en"));
        int before = api.callCount("sendMessage");
        Map<Long, Integer> updateOf = new HashMap<>();
        int firstUpdate = api.lastUpdateId() + 1;
        for (FakeBotApi.User u : people) {
            api.send(u, BenchCommands.command());
            updateOf.put(u.id(), api.lastUpdateId());
        }
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> api.callCount("sendMessage") - before >= users);
            // then 500 ms more in which every reply stays counted, so that late duplicates show up too
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> api.callCount("sendMessage") - before >= users);
        } catch (ConditionTimeoutException e) {
            // replies lost: the counts below report them
        }
        List<FakeBotApi.Call> all = api.calls("sendMessage");
        List<FakeBotApi.Call> replies = all.subList(before, all.size());
        Map<Long, Long> firstReply = new HashMap<>();
        int duplicates = 0;
        for (FakeBotApi.Call c : replies) {
            if (c.status() == 200 && firstReply.putIfAbsent(c.chatId(), c.receivedNanos()) != null) duplicates++;
        }
        long[] fromArrival = new long[firstReply.size()];
        long[] fromEnqueue = new long[firstReply.size()];
        int k = 0;
        long firstArrival = Long.MAX_VALUE;
        long lastReply = 0;
        for (Map.Entry<Long, Long> e : firstReply.entrySet()) {
            int update = updateOf.get(e.getKey());
            long arrived = api.deliveredNanos(update).orElseThrow();
            firstArrival = Math.min(firstArrival, arrived);
            lastReply = Math.max(lastReply, e.getValue());
            fromArrival[k] = e.getValue() - arrived;
            fromEnqueue[k] = e.getValue() - api.enqueuedNanos(update);
            k++;
        }
        Arrays.sort(fromArrival);
        Arrays.sort(fromEnqueue);
        double seconds = (lastReply - firstArrival) / 1e9;
        out.printf(
                Locale.ROOT,
                "round %d (%s): replies %d/%d, lost %d, duplicates %d, non-200 %d; arrival->reply p50 %.1f ms"
                        + " p99 %.1f ms max %.1f ms; enqueue->reply p50 %.1f ms p99 %.1f ms max %.1f ms;"
                        + " %.0f replies/s; updates %d..%d%n",
                round,
                round == 1 ? "cold" : round == rounds ? "warm" : "warming",
                firstReply.size(),
                users,
                users - firstReply.size(),
                duplicates,
                replies.stream().filter(c -> c.status() != 200).count(),
                ms(pct(fromArrival, 50)),
                ms(pct(fromArrival, 99)),
                ms(pct(fromArrival, 100)),
                ms(pct(fromEnqueue, 50)),
                ms(pct(fromEnqueue, 99)),
                ms(pct(fromEnqueue, 100)),
                firstReply.size() / Math.max(seconds, 1e-9),
                firstUpdate,
                api.lastUpdateId());
    }

    /** Asks the bot for its heap and GC figures since the last time (see {@link BenchBot}). */
    private static String stats(Process bot, BufferedReader botStats) throws IOException {
        bot.getOutputStream().write("stats\n".getBytes(StandardCharsets.UTF_8));
        bot.getOutputStream().flush();
        // the bot's JVM may print other lines too (e.g. JFR's banner)
        for (String line = botStats.readLine(); line != null; line = botStats.readLine()) {
            if (line.startsWith("stats: ")) return line.substring("stats: ".length());
        }
        return "heap n/a (the bot exited)";
    }

    /** User and system CPU of a process so far, in clock ticks (Linux /proc); zeros elsewhere. */
    private static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double ticksToMs(long ticks) {
        return ticks * 10.0; // USER_HZ is 100 on Linux
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The p-th percentile (nearest rank) of sorted values; p 100 is the maximum. */
    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
