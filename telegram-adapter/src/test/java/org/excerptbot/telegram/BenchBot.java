package org.excerptbot.telegram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.script.ChatScripts;

/**
 * The bot side of {@link BurstBenchmark}, run in its own JVM (e.g. {@code -Xmx128m}): the adapter against the
 * given Bot API URL with the bench command set, until stdin closes or the process is killed. Each line
 * {@code stats} on stdin is answered on stdout with one line, starting {@code stats: }, of heap and GC figures
 * since the previous one.
 * Arguments: api-url token.
 */
public final class BenchBot {
    private BenchBot() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: BenchBot <api-url> <token>");
        CommandRegistry registry = BenchCommands.registry();
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry,
                Messages.load(),
                new FloodControl(20, Clock.systemUTC()),
                CommandDispatcher.OwnerCheck.NOBODY);
        TelegramSettings settings =
                TelegramSettings.of(args[1], URI.create(args[0])).withPollTimeout(Duration.ofSeconds(10));
        try (TelegramPlatform bot = new TelegramPlatform(
                settings,
                dispatcher,
                Messages.load(),
                BenchCommands.inline(),
                ChatScripts.byLanguage(),
                ChatStatusListener.IGNORE,
                Clock.systemUTC(),
                Thread::sleep)) {
            bot.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long[] gcBefore = gc();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.strip().equals("stats")) continue;
                long[] gcNow = gc();
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                long peaks = 0;
                long oldPeak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() != MemoryType.HEAP) continue;
                    peaks += pool.getPeakUsage().getUsed();
                    if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                        oldPeak = pool.getPeakUsage().getUsed();
                    }
                    pool.resetPeakUsage();
                }
                System.out.printf(
                        Locale.ROOT,
                        "stats: heap peak %.1f MB (pools' peaks summed; old gen %.1f MB), used now %.1f MB,"
                                + " max %.1f MB; GC %d collections, %d ms%n",
                        mb(peaks),
                        mb(oldPeak),
                        mb(heap.getUsed()),
                        mb(heap.getMax()),
                        gcNow[0] - gcBefore[0],
                        gcNow[1] - gcBefore[1]);
                System.out.flush();
                gcBefore = gcNow;
            }
        }
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }
}
