package org.excerptbot.discord.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.discord.DiscordAdapter;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.discord.fake.FakeDiscord;

/**
 * A burst of slash commands from distinct users, pushed through the fake Discord's gateway at once; reports how many
 * were acknowledged within 3 s, how long Discord would wait for each acknowledgement (push to callback received) and
 * where that time went, how many were deferred, how many acknowledged ones never got their answer, the CPU each kind
 * of thread used and the machine's load. Not a test: run by {@code bench/discord-burst.sh}.
 */
public final class InteractionBurst {
    /** Discord's deadline for the acknowledgement, plus a margin for a callback the fake is still handling. */
    private static final Duration ACK_DEADLINE = Duration.ofMillis(3_500);

    private InteractionBurst() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Corpus corpus = CorpusLoader.loadPackaged();
        DailyRotation rotation = new DailyRotation(ExcerptPool.build(corpus), DailyRotation.DEFAULT_SEED);
        SearchIndex search = LuceneSearchIndex.build(corpus);
        Messages messages = Messages.load();
        Clock clock = Clock.systemUTC();
        CommandDispatcher dispatcher = new CommandDispatcher(
                BuiltinCommands.registry(
                        corpus,
                        rotation,
                        search,
                        ChatZones.fixed(ZoneId.of("Asia/Shanghai")),
                        clock,
                        new SplittableRandom(1),
                        List.of()),
                messages,
                new FloodControl(20, clock),
                CommandDispatcher.OwnerCheck.NOBODY);
        try (FakeDiscord discord = new FakeDiscord();
                DiscordAdapter adapter = new DiscordAdapter(
                        new DiscordSettings(FakeDiscord.TOKEN, discord.apiUrl(), discord.gatewayUrl()),
                        dispatcher,
                        messages,
                        corpus,
                        search,
                        ChatStatusListener.IGNORE,
                        clock)) {
            adapter.start();
            discord.awaitBotReady();
            Map<String, Instant> seenByBot = new ConcurrentHashMap<>();
            // runs after the adapter's own listener on JDA's event thread: when the bot had taken the event in hand
            adapter.connections().get(0).addEventListener(new ListenerAdapter() {
                @Override
                public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                    seenByBot.put(event.getId(), Instant.now());
                }
            });
            String[] queries = {"网络", "互联互通", "网络主权", "合作", "发展"};
            System.out.printf(Locale.ROOT, "burst of %d slash commands, %d rounds; %s%n", users, rounds, loadAverage());
            for (int round = 1; round <= rounds; round++) {
                // built and checked beforehand: Discord's servers would not spend the bot's CPU on it
                List<FakeDiscord.Prepared> burst = new ArrayList<>(users);
                for (int i = 0; i < users; i++) {
                    FakeDiscord.User user = new FakeDiscord.User(
                            Long.toString(1_400_000_000_000_000_000L + round * 100_000L + i), "u" + i, "zh-CN");
                    burst.add(
                            switch (i % 4) {
                                case 0 -> discord.slash("principle")
                                        .by(user)
                                        .option("number", 1 + i % 4)
                                        .prepare();
                                case 1 -> discord.slash("read")
                                        .by(user)
                                        .option("document", 1 + i % 4)
                                        .option("paragraph", 1 + i % 9)
                                        .prepare();
                                case 2 -> discord.slash("search")
                                        .by(user)
                                        .option("query", queries[i % queries.length])
                                        .prepare();
                                default -> discord.slash("today").by(user).prepare();
                            });
                }
                List<FakeDiscord.Sent> sent = new ArrayList<>(users);
                Map<String, Long> cpuBefore = cpuByThreadGroup();
                int connectionsBefore = discord.restConnections();
                long start = System.nanoTime();
                for (FakeDiscord.Prepared interaction : burst) sent.add(discord.push(interaction));
                long pushed = System.nanoTime();
                // every interaction is acknowledged, or refused by the fake (10062) once 3 s have passed; then
                // every acknowledged one should get its answer (a reply, an edit of the placeholder or a follow-up).
                // The driver stands in for Discord and shares the bot's CPU: it looks only at the interactions still
                // open, and drops those answered and those the bot tried to acknowledge too late (refused, so never
                // to be answered); the next round starts once the bot has dealt with every interaction of this one
                Instant lastPush = discord.createdAt(sent.get(sent.size() - 1));
                List<FakeDiscord.Sent> open = new ArrayList<>(sent);
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            Instant refusedBefore = Instant.now().minus(ACK_DEADLINE);
                            open.removeIf(s -> discord.answered(s)
                                    || (discord.acknowledgedAt(s).isEmpty()
                                            && discord.callbackArrivedAt(s).isPresent()
                                            && discord.createdAt(s).isBefore(refusedBefore)));
                            return open.isEmpty() || Instant.now().isAfter(lastPush.plusSeconds(60));
                        });
                report(round, discord, sent, seenByBot, Duration.ofNanos(pushed - start));
                printCpu(cpuBefore, cpuByThreadGroup(), users);
                System.out.printf(
                        Locale.ROOT,
                        "  REST connections the bot opened during the round: %d%n",
                        discord.restConnections() - connectionsBefore);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP)
                    peak += pool.getPeakUsage().getUsed();
            }
            System.out.printf(
                    Locale.ROOT,
                    "peak heap (bot, JDA and the fake together) %d MiB of max %d MiB%n",
                    peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static void report(
            int round,
            FakeDiscord discord,
            List<FakeDiscord.Sent> sent,
            Map<String, Instant> seenByBot,
            Duration pushTime) {
        List<Long> ack = new ArrayList<>();
        List<Long> toBot = new ArrayList<>();
        List<Long> botToCallback = new ArrayList<>();
        List<Long> inFake = new ArrayList<>();
        int ackedIn3s = 0;
        int deferred = 0;
        int lost = 0;
        Instant first = discord.createdAt(sent.get(0));
        Instant lastAck = first;
        for (FakeDiscord.Sent s : sent) {
            Instant created = discord.createdAt(s);
            Optional<Instant> acked = discord.acknowledgedAt(s);
            Instant seen = seenByBot.get(s.id());
            Optional<Instant> arrived = discord.callbackArrivedAt(s);
            if (seen != null) toBot.add(micros(created, seen));
            if (seen != null && arrived.isPresent()) botToCallback.add(micros(seen, arrived.get()));
            if (acked.isEmpty()) continue;
            if (!discord.answered(s)) lost++;
            ackedIn3s++;
            if (acked.get().isAfter(lastAck)) lastAck = acked.get();
            ack.add(micros(created, acked.get()));
            arrived.ifPresent(a -> inFake.add(micros(a, acked.get())));
            if (discord.ackType(s) == 5) deferred++;
        }
        List.of(ack, toBot, botToCallback, inFake).forEach(l -> l.sort(null));
        long spanNanos = Math.max(1, Duration.between(first, lastAck).toNanos());
        System.out.printf(
                Locale.ROOT,
                "round %d (%s): %d pushed in %d ms; acknowledged within 3 s: %d of %d; ack p50 %.0f ms, p99 %.0f ms,"
                        + " max %.0f ms (%.0f acks/s); deferred %d; acknowledged but never answered %d; %s%n"
                        + "  where the ack time went (p50 / p99): push -> bot's event thread %.0f / %.0f ms,"
                        + " event thread -> callback at Discord %.0f / %.0f ms, inside the fake %.1f / %.1f ms%n",
                round,
                round == 1 ? "cold" : "warm",
                sent.size(),
                pushTime.toMillis(),
                ackedIn3s,
                sent.size(),
                pct(ack, 50),
                pct(ack, 99),
                pct(ack, 100),
                ack.size() * 1e9 / spanNanos,
                deferred,
                lost,
                loadAverage(),
                pct(toBot, 50),
                pct(toBot, 99),
                pct(botToCallback, 50),
                pct(botToCallback, 99),
                pct(inFake, 50),
                pct(inFake, 99));
    }

    /** Keys of the CPU map that are not Java threads: read from /proc, so that the JIT and GC show too. */
    private static final String PROCESS = "(process)";

    private static final String JIT = "(JIT compilers)";
    private static final String GC = "(GC threads)";
    private static final String MACHINE = "(machine)";

    /**
     * CPU time used so far by the live Java threads, summed by name with the numbers dropped, plus (Linux) the JIT
     * compiler and GC threads and the whole process (which also counts threads that have ended).
     */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) out.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
        }
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = Files.readString(task.resolve("comm")).strip();
                String kind = name.matches("C\\d CompilerThre.*")
                        ? JIT
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? GC : null;
                if (kind != null) out.merge(kind, ticksAsNanos(Files.readString(task.resolve("stat"))), Long::sum);
            }
            out.put(PROCESS, ticksAsNanos(Files.readString(Path.of("/proc/self/stat"))));
            // the whole machine's busy time (all but idle and iowait), to show what other processes took
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) if (i != 4 && i != 5) busy += Long.parseLong(cpu[i]);
            out.put(MACHINE, busy * 10_000_000L);
        } catch (IOException | RuntimeException e) {
            // not Linux, or a thread ended while being read: the Java threads alone
        }
        return out;
    }

    /** utime + stime of a /proc stat line (fields 14 and 15, in clock ticks of 10 ms), in nanoseconds. */
    private static long ticksAsNanos(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** The threads of the fake Discord and of this driver (which pushes the interactions on main). */
    private static boolean fakeOrDriver(String thread) {
        return thread.startsWith("fake-discord")
                || thread.startsWith("HTTP-Dispatcher")
                || thread.startsWith("WebSocket")
                || thread.startsWith("awaitility")
                || thread.equals("main");
    }

    /**
     * Where the round's CPU went: the process in all, split into the bot (JDA, OkHttp and the adapter), the fake
     * Discord with this driver (they stand in for Discord's servers, which would not share the bot's CPU), the JIT
     * compilers and GC; then by thread: JDA's gateway reader handles every event one after another.
     */
    private static void printCpu(Map<String, Long> before, Map<String, Long> after, int users) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach((k, v) -> used.put(k, v - before.getOrDefault(k, 0L)));
        long process = used.getOrDefault(PROCESS, 0L);
        long jit = used.getOrDefault(JIT, 0L);
        long gc = used.getOrDefault(GC, 0L);
        long fake = used.entrySet().stream()
                .filter(e -> fakeOrDriver(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long bot = used.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("(") && !fakeOrDriver(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        System.out.printf(
                Locale.ROOT,
                "  CPU during the round (ms; per command): process %d (%.2f) = bot's threads %d (%.2f) + fake and"
                        + " driver %d (%.2f) + JIT compilers %d (%.2f) + GC %d (%.2f) + other %d%n",
                process / 1_000_000,
                process / 1e6 / users,
                bot / 1_000_000,
                bot / 1e6 / users,
                fake / 1_000_000,
                fake / 1e6 / users,
                jit / 1_000_000,
                jit / 1e6 / users,
                gc / 1_000_000,
                gc / 1e6 / users,
                (process - bot - fake - jit - gc) / 1_000_000);
        System.out.printf(
                Locale.ROOT,
                "  CPU other processes on the machine used meanwhile: %d ms (figures are only comparable when this is"
                        + " small)%n",
                (used.getOrDefault(MACHINE, 0L) - process) / 1_000_000);
        StringBuilder line = new StringBuilder("  CPU during the round by thread (ms; per command):");
        used.entrySet().stream()
                .filter(e -> !e.getKey().equals(PROCESS) && !e.getKey().equals(MACHINE) && e.getValue() >= 20_000_000L)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> line.append(String.format(
                        Locale.ROOT,
                        " %s %d (%.2f);",
                        e.getKey(),
                        e.getValue() / 1_000_000,
                        e.getValue() / 1e6 / users)));
        System.out.println(line);
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    /** The machine's load average (1, 5, 15 minutes) and core count: the figures mean little on a busy machine. */
    private static String loadAverage() {
        String load;
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            load = parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            load = String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return "load average " + load + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static double pct(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, i)) / 1000.0;
    }
}
