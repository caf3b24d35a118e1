package org.excerptbot.app.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Benchmark (not a test), run by {@code bench/jar-telegram-startup.sh}: how long a self-hoster's bot takes from
 * launch to polling Telegram. Each run starts the packaged jar (the README's command) with TELEGRAM_BOT_TOKEN and
 * TELEGRAM_API_URL pointing at a {@link FakeBotApi} in this JVM, on a fresh data directory, and takes the time from
 * launch (System.nanoTime just before the process starts) to the arrival of the first {@code getUpdates} request at
 * the fake (its {@code receivedNanos}; the same clock). Target: under 2.0 s.
 *
 * <p>The fake records a call when it answers it, and a long poll with nothing to take is answered only at its
 * timeout; so one {@code /today} is waiting at the fake before each launch, the first poll is answered at once, and
 * the time to that reply is reported too. The bot is then stopped with SIGTERM. Arguments: {@code [runs=5]}.
 */
public final class TelegramStartupBench {
    private static final String TOKEN = "7100000001:AAH-jar_bench-token-0123456789abcdefgh";
    private static final double TARGET_SECONDS = 2.0;

    private TelegramStartupBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        WarmFake.run(2_000);
        System.out.println("load average before: " + ProcStats.loadAverage());
        long[] toPoll = new long[runs];
        long[] toReply = new long[runs];
        for (int run = 0; run < runs; run++) {
            try (FakeBotApi api = FakeBotApi.start(TOKEN);
                    PackagedJar jar = PackagedJar.fromProperties(null)) {
                FakeBotApi.User ann = api.user(4242, "Ann", "zh");
                api.send(ann, "/today");
                if (run == 0) {
                    System.out.println("command: " + jar.describe(List.of())
                            + " (fresh EXCERPT_BOT_DATA_DIR per run; TELEGRAM_API_URL=" + api.url() + ")");
                }
                PackagedJar.Launched bot =
                        jar.launch(List.of(), Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url()));
                try {
                    try {
                        await().atMost(Duration.ofSeconds(60))
                                .pollInterval(Duration.ofMillis(10))
                                .failFast("the bot exited", () -> !bot.process().isAlive())
                                .until(() -> api.callCount("sendMessage") > 0);
                    } catch (ConditionTimeoutException | TerminalFailureException e) {
                        throw new IllegalStateException("run " + (run + 1) + ": no reply from the bot: "
                                + e.getMessage() + "\n" + jar.logTail(30));
                    }
                    long launch = bot.launchNanos();
                    toPoll[run] = first(api, "getUpdates").orElseThrow() - launch;
                    toReply[run] = first(api, "sendMessage").orElseThrow() - launch;
                    double stop = PackagedJar.stop(bot, 60);
                    System.out.printf(
                            Locale.ROOT,
                            "run %d: getMe %.0f ms, deleteWebhook %.0f ms, first getUpdates %.0f ms, first reply %.0f ms"
                                    + " after launch; database created: %s; SIGTERM stop %.2f s (exit %d)%n",
                            run + 1,
                            ProcStats.ms(first(api, "getMe").orElse(launch) - launch),
                            ProcStats.ms(first(api, "deleteWebhook").orElse(launch) - launch),
                            ProcStats.ms(toPoll[run]),
                            ProcStats.ms(toReply[run]),
                            java.nio.file.Files.isRegularFile(jar.dataDir().resolve("excerpt-bot.mv.db")),
                            stop,
                            bot.process().exitValue());
                } finally {
                    bot.process().destroyForcibly();
                }
            }
        }
        long[] poll = toPoll.clone();
        long[] reply = toReply.clone();
        Arrays.sort(poll);
        Arrays.sort(reply);
        double median = ProcStats.ms(ProcStats.percentile(poll, 50)) / 1e3;
        double max = ProcStats.ms(poll[poll.length - 1]) / 1e3;
        System.out.printf(
                Locale.ROOT,
                "RESULT telegram-startup launch->first-getUpdates median=%.2fs min=%.2fs max=%.2fs runs=%d"
                        + " target<%.1fs: median %s, max %s; launch->first-reply median=%.2fs max=%.2fs%n",
                median,
                ProcStats.ms(poll[0]) / 1e3,
                max,
                runs,
                TARGET_SECONDS,
                median < TARGET_SECONDS ? "met" : "MISSED",
                max < TARGET_SECONDS ? "met" : "MISSED",
                ProcStats.ms(ProcStats.percentile(reply, 50)) / 1e3,
                ProcStats.ms(reply[reply.length - 1]) / 1e3);
        System.out.println("load average after: " + ProcStats.loadAverage());
    }

    /** When the fake received the first request of this method. */
    private static Optional<Long> first(FakeBotApi api, String method) {
        return api.calls(method).stream().map(FakeBotApi.Call::receivedNanos).min(Long::compare);
    }
}
