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
                List<FakeDiscord.Sent> sent = new ArrayList<>(users);
                Map<String, Long> cpuBefore = cpuByThreadGroup();
                long start = System.nanoTime();
                for (int i = 0; i < users; i++) {
                    FakeDiscord.User user = new FakeDiscord.User(
                            Long.toString(1_400_000_000_000_000_000L + round * 100_000L + i), "u" + i, "zh-CN");
                    sent.add(
                            switch (i % 4) {
                                case 0 -> discord.slash("principle")
                                        .by(user)
                                        .option("number", 1 + i % 4)
                                        .send();
                                case 1 -> discord.slash("read")
                                        .by(user)
                                        .option("document", 1 + i % 4)
                                        .option("paragraph", 1 + i % 9)
                                        .send();
                                case 2 -> discord.slash("search")
                                        .by(user)
                                        .option("query", queries[i % queries.length])
                                        .send();
                                default -> discord.slash("today").by(user).send();
                            });
                }
                long pushed = System.nanoTime();
                // every interaction is acknowledged, or refused by the fake (10062) once 3 s have passed; then
                // every acknowledged one should get its answer (a reply, an edit of the placeholder or a follow-up)
                Instant lastPush = discord.createdAt(sent.get(sent.size() - 1));
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> sent.stream().allMatch(discord::answered)
                                || Instant.now().isAfter(lastPush.plusSeconds(60)));
                report(round, discord, sent, seenByBot, Duration.ofNanos(pushed - start));
                printCpu(cpuBefore, cpuByThreadGroup(), users);
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

    /** CPU time used so far by the live threads, summed by name with the numbers dropped. */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) out.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
        }
        return out;
    }

    /** Where the round's CPU went, by thread: JDA's gateway reader handles every event one after another. */
    private static void printCpu(Map<String, Long> before, Map<String, Long> after, int users) {
        StringBuilder line = new StringBuilder("  CPU during the round by thread (ms; per command):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= 20_000_000L)
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
