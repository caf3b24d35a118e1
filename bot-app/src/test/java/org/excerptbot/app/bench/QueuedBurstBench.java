package org.excerptbot.app.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Benchmark (not a test), run by {@code bench/jar-queued-burst.sh}: a burst already waiting when the bot starts.
 * {@code users} distinct users have each sent one command in their private chat to a {@link FakeBotApi} in this
 * JVM before the packaged jar is launched (the README's command on {@code -Xmx128m}, a fresh data directory);
 * times are taken from launch (System.nanoTime just before the process starts) to the arrival of each user's
 * reply (the fake's {@code receivedNanos} of the accepted {@code sendMessage}; the same clock). Prints the last
 * reply, p50/p99, lost replies (users with none) and duplicates (replies beyond the first in a chat), the first
 * poll, the bot's CPU and peak RSS, the fake's CPU, and the SIGTERM stop. Target: every user answered within 3 s
 * of launch.
 *
 * <p>The fake's flood control is off for this benchmark: no overall limit ({@link FakeBotApi#limitSendRate} 0)
 * and no per-chat 429s, so the bot is not throttled by the fake; Telegram itself allows about 30 messages a
 * second in bulk and about one a second per chat, and these are 1,000 replies to 1,000 chats.
 *
 * <p>Arguments: {@code [users=1000] [commands=today|mix] [heap=128m]}; {@code mix} cycles through /today,
 * /principle 2, /search 互联互通 and /read 1 11.
 */
public final class QueuedBurstBench {
    private static final String TOKEN = "7100000002:AAH-jar_burst-token-0123456789abcdefgh";
    private static final double TARGET_SECONDS = 3.0;
    private static final long FIRST_USER = 5_000_000;
    private static final List<String> MIX = List.of("/today", "/principle 2", "/search 互联互通", "/read 1 11");

    private QueuedBurstBench() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String commands = args.length > 1 ? args[1] : "today";
        String heap = args.length > 2 ? args[2] : "128m";
        if (!commands.equals("today") && !commands.equals("mix")) {
            throw new IllegalArgumentException("commands: must be today or mix, was " + commands);
        }
        List<String> sent = commands.equals("mix") ? MIX : List.of("/today");
        WarmFake.run(3_000);
        try (FakeBotApi api = FakeBotApi.start(TOKEN);
                PackagedJar jar = PackagedJar.fromProperties("-Xmx" + heap)) {
            api.limitSendRate(0);
            Map<Long, String> commandOf = new LinkedHashMap<>();
            for (int i = 0; i < users; i++) {
                FakeBotApi.User u = api.user(FIRST_USER + i, "reader" + i, i % 2 == 0 ? "zh" : "en");
                String command = sent.get(i % sent.size());
                api.send(u, command);
                commandOf.put(u.id(), command);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d updates waiting at the fake Bot API (%s); its flood control: off (no overall limit, no"
                            + " per-chat 429)%n",
                    api.pendingUpdates(),
                    String.join(", ", sent));
            System.out.println("command: " + jar.describe(List.of()) + " (fresh EXCERPT_BOT_DATA_DIR; TELEGRAM_API_URL="
                    + api.url() + ")");
            String loadBefore = ProcStats.loadAverage();
            double fakeCpuBefore = ProcStats.ownCpuMs();
            PackagedJar.Launched bot =
                    jar.launch(List.of(), Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url()));
            try (ProcStats.RssSampler rss = ProcStats.RssSampler.start(bot.pid())) {
                boolean complete = true;
                try {
                    await().atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(20))
                            .failFast("the bot exited", () -> !bot.process().isAlive())
                            .until(() -> api.callCount("sendMessage") >= users);
                    // a second more in which the count must not grow: late duplicates show up too
                    await().during(Duration.ofSeconds(1))
                            .atMost(Duration.ofSeconds(5))
                            .until(() -> api.callCount("sendMessage") == users);
                } catch (ConditionTimeoutException e) {
                    complete = false; // lost or duplicated replies: the counts below say which
                }
                double fakeCpu = ProcStats.ownCpuMs() - fakeCpuBefore;
                double botCpu = ProcStats.cpuMs(bot.pid());
                long hwm = ProcStats.statusKib(bot.pid(), "VmHWM");
                report(api, jar, bot, users, commands, heap, commandOf, complete);
                System.out.printf(
                        Locale.ROOT,
                        "bot: CPU %.0f ms since launch (%.2f ms per reply, start-up included); peak RSS %.1f MiB"
                                + " (sampled every 100 ms, %d samples), VmHWM %.1f MiB; fake Bot API (driver JVM) CPU"
                                + " %.0f ms%n",
                        botCpu,
                        botCpu / users,
                        ProcStats.mib(rss.peakKib()),
                        rss.samples(),
                        ProcStats.mib(hwm),
                        fakeCpu);
                double stop = PackagedJar.stop(bot, 60);
                System.out.printf(
                        Locale.ROOT,
                        "SIGTERM stop %.2f s (exit %s); load average %s -> %s%n",
                        stop,
                        bot.process().isAlive()
                                ? "?"
                                : String.valueOf(bot.process().exitValue()),
                        loadBefore,
                        ProcStats.loadAverage());
            } finally {
                bot.process().destroyForcibly();
            }
        }
    }

    private static void report(
            FakeBotApi api,
            PackagedJar jar,
            PackagedJar.Launched bot,
            int users,
            String commands,
            String heap,
            Map<Long, String> commandOf,
            boolean complete) {
        long launch = bot.launchNanos();
        Map<Long, Long> firstReply = new HashMap<>();
        Map<String, String> sample = new LinkedHashMap<>();
        int duplicates = 0;
        int refused = 0;
        int strangers = 0;
        for (FakeBotApi.Call c : api.calls("sendMessage")) {
            if (c.status() != 200) {
                refused++;
                continue;
            }
            String command = commandOf.get(c.chatId());
            if (command == null) {
                strangers++;
                continue;
            }
            if (firstReply.putIfAbsent(c.chatId(), c.receivedNanos()) != null) duplicates++;
            sample.computeIfAbsent(
                    command, k -> api.messages(c.chatId()).get(0).text().replace('\n', ' '));
        }
        long[] fromLaunch =
                firstReply.values().stream().mapToLong(t -> t - launch).sorted().toArray();
        int lost = users - firstReply.size();
        long firstPoll = api.calls("getUpdates").stream()
                .mapToLong(FakeBotApi.Call::receivedNanos)
                .min()
                .orElse(launch);
        long last = fromLaunch.length == 0 ? 0 : fromLaunch[fromLaunch.length - 1];
        List<Long> delivered = new ArrayList<>();
        for (int id = api.lastUpdateId() - users + 1; id <= api.lastUpdateId(); id++) {
            api.deliveredNanos(id).ifPresent(delivered::add);
        }
        long lastTaken = delivered.stream().mapToLong(t -> t).max().orElse(launch);
        boolean met = lost == 0 && duplicates == 0 && last / 1e9 < TARGET_SECONDS;
        System.out.printf(
                Locale.ROOT,
                "RESULT queued-burst users=%d commands=%s heap=%s launch->last-reply=%.2fs p50=%.2fs p99=%.2fs"
                        + " lost=%d duplicates=%d non-200=%d target: all within %.1fs of launch: %s%n",
                users,
                commands,
                heap,
                last / 1e9,
                ProcStats.percentile(fromLaunch, 50) / 1e9,
                ProcStats.percentile(fromLaunch, 99) / 1e9,
                lost,
                duplicates,
                refused,
                TARGET_SECONDS,
                met ? "met" : "MISSED");
        System.out.printf(
                Locale.ROOT,
                "launch -> first getUpdates %.2f s, -> first reply %.2f s, -> last update taken %.2f s (%d of %d"
                        + " taken, %d polls), -> last reply %.2f s; first to last reply %.2f s (%.0f replies/s)%s%n",
                (firstPoll - launch) / 1e9,
                (fromLaunch.length == 0 ? 0 : fromLaunch[0]) / 1e9,
                (lastTaken - launch) / 1e9,
                delivered.size(),
                users,
                api.callCount("getUpdates"),
                last / 1e9,
                fromLaunch.length < 2 ? 0 : (last - fromLaunch[0]) / 1e9,
                fromLaunch.length < 2 ? 0 : (fromLaunch.length - 1) / ((last - fromLaunch[0]) / 1e9),
                complete ? "" : "; the wait for all replies timed out");
        if (strangers > 0) System.out.println(strangers + " replies to chats that sent nothing");
        for (Map.Entry<String, String> e : sample.entrySet()) {
            String text = e.getValue();
            System.out.println("  reply to " + e.getKey() + ": " + text.substring(0, Math.min(60, text.length())));
        }
        long errors = jar.logLinesContaining("ERROR");
        if (errors != 0) System.out.println("bot log: " + errors + " ERROR lines; tail:\n" + jar.logTail(15));
    }
}
