package org.excerptbot.discord.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.excerptbot.discord.DiscordAdapter;
import org.excerptbot.discord.fake.FakeDiscord;

/**
 * A burst of slash commands from distinct users, pushed through the fake Discord's gateway at once; reports how many
 * were acknowledged within 3 s, how long Discord would wait for each acknowledgement (push to callback received) and
 * where that time went, how many were deferred, how many acknowledged ones never got their answer, the CPU the bot,
 * the fake and other processes used and the machine's load. The bot runs in a JVM of its own ({@link BurstBot}), cold
 * as after a start; the fake Discord runs in this one and is warmed up first by bursts to a throwaway bot, as
 * Discord's servers are warm (it still shares the machine's cores with the bot). Not a test: run by
 * {@code bench/discord-burst.sh}.
 */
public final class InteractionBurst {
    /** Discord's deadline for the acknowledgement, plus a margin for a callback the fake is still handling. */
    private static final Duration ACK_DEADLINE = Duration.ofMillis(3_500);

    /** Bursts that warm up the fake Discord (its JVM runs C1 only, so that its JIT settles) before the bot starts. */
    private static final int WARM_UP_BURSTS = 3;

    private static final String[] QUERIES = {"网络", "互联互通", "网络主权", "合作", "发展"};

    private InteractionBurst() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (FakeDiscord discord = new FakeDiscord()) {
            try (DiscordAdapter warmUp = BurstBot.create(discord.apiUrl(), discord.gatewayUrl())) {
                warmUp.start();
                discord.awaitBotReady();
                for (int round = 1; round <= WARM_UP_BURSTS; round++) burst(discord, users, -round);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            String botJvm = System.getProperty("bench.botJvm", "").strip();
            if (!botJvm.isEmpty()) command.addAll(List.of(botJvm.split("\\s+")));
            command.addAll(List.of(
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BurstBot.class.getName(),
                    discord.apiUrl(),
                    discord.gatewayUrl()));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (Bot bot = new Bot(process)) {
                bot.request(null); // its "ready"
                System.out.printf(
                        Locale.ROOT,
                        "burst of %d slash commands, %d rounds; bot JVM: -Xmx256m %s; %s%n",
                        users,
                        rounds,
                        botJvm,
                        loadAverage());
                for (int round = 1; round <= rounds; round++) {
                    Map<String, Long> botBefore = bot.cpu();
                    Map<String, Long> fakeBefore = cpuByThreadGroup();
                    int connectionsBefore = discord.restConnections();
                    Result result = burst(discord, users, round);
                    Map<String, Long> fakeAfter = cpuByThreadGroup();
                    Map<String, Long> botAfter = bot.cpu();
                    report(round, discord, result.sent(), bot.seen(), result.pushTime());
                    printCpu(botBefore, botAfter, fakeBefore, fakeAfter, users);
                    System.out.printf(
                            Locale.ROOT,
                            "  REST connections the bot opened during the round: %d%n",
                            discord.restConnections() - connectionsBefore);
                }
                List<String> heap = bot.request("heap");
                String[] peakAndMax = heap.get(0).split("\t");
                System.out.printf(
                        Locale.ROOT,
                        "bot's peak heap %d MiB of max %d MiB%n",
                        Long.parseLong(peakAndMax[0]) >> 20,
                        Long.parseLong(peakAndMax[1]) >> 20);
            }
        }
    }

    private record Result(List<FakeDiscord.Sent> sent, Duration pushTime) {}

    /**
     * One burst: built and checked beforehand (Discord's servers would not spend the bot's CPU on it), pushed at
     * once, then waited for until every interaction is answered or was refused for a late acknowledgement.
     */
    private static Result burst(FakeDiscord discord, int users, int round) {
        List<FakeDiscord.Prepared> burst = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            FakeDiscord.User user = new FakeDiscord.User(
                    Long.toString(1_400_000_000_000_000_000L + (round + 10) * 100_000L + i), "u" + i, "zh-CN");
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
                                .option("query", QUERIES[i % QUERIES.length])
                                .prepare();
                        default -> discord.slash("today").by(user).prepare();
                    });
        }
        List<FakeDiscord.Sent> sent = new ArrayList<>(users);
        long start = System.nanoTime();
        for (FakeDiscord.Prepared interaction : burst) sent.add(discord.push(interaction));
        long pushed = System.nanoTime();
        // every interaction is acknowledged, or refused by the fake (10062) once 3 s have passed; then every
        // acknowledged one should get its answer (a reply, an edit of the placeholder or a follow-up). The driver
        // looks only at the interactions still open, and drops those answered and those the bot tried to
        // acknowledge too late (refused, so never to be answered); the next round starts once the bot has dealt
        // with every interaction of this one
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
        return new Result(sent, Duration.ofNanos(pushed - start));
    }

    /** The bot's JVM, asked over its stdin and answering on its stdout. */
    private static final class Bot implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;

        Bot(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Sends a request (none: only reads) and returns the answer's lines up to its end. */
        List<String> request(String request) throws IOException {
            if (request != null) {
                in.write(request + "\n");
                in.flush();
            }
            List<String> lines = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith(BurstBot.LINE)) {
                    System.out.println(line);
                    continue;
                }
                String body = line.substring(BurstBot.LINE.length());
                if (body.equals("end") || body.equals("ready")) return lines;
                lines.add(body);
            }
            throw new IOException(
                    "the bot's JVM ended" + (process.isAlive() ? "" : ", exit code " + process.exitValue()));
        }

        Map<String, Long> cpu() throws IOException {
            return keyed("cpu", Long::parseLong);
        }

        Map<String, Instant> seen() throws IOException {
            return keyed("seen", Instant::parse);
        }

        /** An answer of "key TAB value" lines. */
        private <V> Map<String, V> keyed(String request, Function<String, V> value) throws IOException {
            Map<String, V> out = new TreeMap<>();
            for (String line : request(request)) {
                String[] kv = line.split("\t");
                out.put(kv[0], value.apply(kv[1]));
            }
            return out;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
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
                        + "  where the ack time went (p50 / p99): push -> bot's listener %.0f / %.0f ms,"
                        + " listener -> callback at Discord %.0f / %.0f ms, inside the fake %.1f / %.1f ms%n",
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
    static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) out.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
        }
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String kind = name.matches("C\\d CompilerThre.*")
                            ? JIT
                            : name.startsWith("GC Thread") || name.startsWith("G1 ") ? GC : null;
                    if (kind != null) out.merge(kind, ticksAsNanos(Files.readString(task.resolve("stat"))), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
            out.put(PROCESS, ticksAsNanos(Files.readString(Path.of("/proc/self/stat"))));
            // the whole machine's busy time (all but idle and iowait), to show what other processes took
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) if (i != 4 && i != 5) busy += Long.parseLong(cpu[i]);
            out.put(MACHINE, busy * 10_000_000L);
        } catch (IOException | RuntimeException e) {
            // not Linux: the Java threads alone
        }
        return out;
    }

    /** utime + stime of a /proc stat line (fields 14 and 15, in clock ticks of 10 ms), in nanoseconds. */
    private static long ticksAsNanos(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static Map<String, Long> used(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach((k, v) -> used.put(k, v - before.getOrDefault(k, 0L)));
        return used;
    }

    /**
     * Where the round's CPU went: the bot's process in all, split into its Java threads (JDA, OkHttp, the adapter),
     * the JIT compilers and GC; the fake Discord with this driver (standing in for Discord's servers, which would not
     * share the bot's CPU); other processes on the machine. Then the bot's CPU by thread: JDA's gateway reader
     * reads every event one after another, the adapter's interaction threads run the listeners and the follow-up
     * work.
     */
    private static void printCpu(
            Map<String, Long> botBefore,
            Map<String, Long> botAfter,
            Map<String, Long> fakeBefore,
            Map<String, Long> fakeAfter,
            int users) {
        Map<String, Long> bot = used(botBefore, botAfter);
        Map<String, Long> fake = used(fakeBefore, fakeAfter);
        long process = bot.getOrDefault(PROCESS, 0L);
        long jit = bot.getOrDefault(JIT, 0L);
        long gc = bot.getOrDefault(GC, 0L);
        long threads = bot.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("("))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long fakeProcess = fake.getOrDefault(PROCESS, 0L);
        long others = fake.getOrDefault(MACHINE, 0L) - process - fakeProcess;
        System.out.printf(
                Locale.ROOT,
                "  CPU during the round (ms; per command): bot's process %d (%.2f) = its threads %d (%.2f) + JIT"
                        + " compilers %d (%.2f) + GC %d (%.2f) + other %d; fake Discord and driver %d (%.2f); other"
                        + " processes on the machine %d (figures are only comparable when this is small)%n",
                process / 1_000_000,
                process / 1e6 / users,
                threads / 1_000_000,
                threads / 1e6 / users,
                jit / 1_000_000,
                jit / 1e6 / users,
                gc / 1_000_000,
                gc / 1e6 / users,
                (process - threads - jit - gc) / 1_000_000,
                fakeProcess / 1_000_000,
                fakeProcess / 1e6 / users,
                others / 1_000_000);
        StringBuilder line = new StringBuilder("  bot's CPU during the round by thread (ms; per command):");
        bot.entrySet().stream()
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
