package org.excerptbot.telegram;

import static org.awaitility.Awaitility.await;

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
 * to the bot running in its own JVM with a small heap. Reports, per round, the latency from an update's arrival at
 * the bot (the getUpdates answer that carried it) to the request of its reply, p50/p99/max, the same from the
 * moment the update was enqueued, replies per second, and replies lost. Round 1 is cold; the last of four is reported as warm.
 *
 * <p>Arguments: {@code [users] [bot-heap]}, default {@code 1000 128m}. Run by {@code bench/telegram-burst.sh}.
 */
public final class BurstBenchmark {
    private static final String TOKEN = "9000000001:BENCH-token";
    private static final int ROUNDS = 4;

    private BurstBenchmark() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String heap = args.length > 1 ? args[1] : "128m";
        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(
                    java,
                    "-Xmx" + heap,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.org.excerptbot=warn",
                    "-Dorg.slf4j.simpleLogger.log.org.telegram=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BenchBot.class.getName(),
                    api.url(),
                    TOKEN);
            pb.inheritIO();
            Process bot = pb.start();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .failFast("the bot exited", () -> !bot.isAlive())
                        .until(() -> !api.calls("getUpdates").isEmpty());
                System.out.printf(
                        Locale.ROOT,
                        "bot: -Xmx%s, %d CPUs, Java %s; %d users, command %s%n",
                        heap,
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        users,
                        BenchCommands.command());
                for (int round = 1; round <= ROUNDS; round++) {
                    long cpuBefore = cpuMillis(bot);
                    String loadBefore = loadAverage();
                    round(api, round, users, round * 1_000_000L);
                    System.out.printf(
                            Locale.ROOT,
                            "         bot CPU %.2f ms per reply; load average %s -> %s%n",
                            (cpuMillis(bot) - cpuBefore) / (double) users,
                            loadBefore,
                            loadAverage());
                }
            } finally {
                bot.destroy();
                bot.waitFor(10, TimeUnit.SECONDS);
                bot.destroyForcibly();
            }
        }
    }

    private static void round(FakeBotApi api, int round, int users, long firstUserId) throws InterruptedException {
        List<FakeBotApi.User> people = new ArrayList<>(users);
        for (int i = 0; i < users; i++) people.add(api.user(firstUserId + i, "u" + i, i % 2 == 0 ? "zh" : "en"));
        int before = api.calls("sendMessage").size();
        Map<Long, Integer> updateOf = new HashMap<>();
        int firstUpdate = api.lastUpdateId() + 1;
        for (FakeBotApi.User u : people) {
            api.send(u, BenchCommands.command());
            updateOf.put(u.id(), api.lastUpdateId());
        }
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> api.calls("sendMessage").size() - before >= users);
            // then 500 ms more in which every reply stays counted, so that late duplicates show up too
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> api.calls("sendMessage").size() - before >= users);
        } catch (ConditionTimeoutException e) {
            // replies lost: the counts below report them
        }
        List<FakeBotApi.Call> replies = api.calls("sendMessage")
                .subList(before, api.calls("sendMessage").size());
        Map<Long, Long> firstReply = new HashMap<>();
        for (FakeBotApi.Call c : replies) {
            if (c.status() == 200) firstReply.putIfAbsent(c.chatId(), c.receivedNanos());
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
        System.out.printf(
                Locale.ROOT,
                "round %d (%s): replies %d/%d, lost %d, non-200 %d; arrival->reply p50 %.1f ms p99 %.1f ms max %.1f ms;"
                        + " enqueue->reply p50 %.1f ms p99 %.1f ms; %.0f replies/s; updates %d..%d%n",
                round,
                round == 1 ? "cold" : round == ROUNDS ? "warm" : "warming",
                firstReply.size(),
                users,
                users - firstReply.size(),
                replies.stream().filter(c -> c.status() != 200).count(),
                ms(pct(fromArrival, 50)),
                ms(pct(fromArrival, 99)),
                ms(fromArrival.length == 0 ? 0 : fromArrival[fromArrival.length - 1]),
                ms(pct(fromEnqueue, 50)),
                ms(pct(fromEnqueue, 99)),
                firstReply.size() / Math.max(seconds, 1e-9),
                firstUpdate,
                api.lastUpdateId());
    }

    private static long cpuMillis(Process process) {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toMillis)
                .orElse(0L);
    }

    private static String loadAverage() {
        try {
            String[] parts =
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
