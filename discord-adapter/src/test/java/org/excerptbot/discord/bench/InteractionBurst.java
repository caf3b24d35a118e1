package org.excerptbot.discord.bench;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * A burst of slash commands from distinct users, pushed through the fake Discord's gateway at once; reports how long
 * Discord would wait for each acknowledgement (push to callback received), the rate, and how many were deferred.
 * Not a test: run by {@code bench/discord-burst.sh}.
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
                        new DiscordSettings(
                                FakeDiscord.TOKEN,
                                discord.apiUrl(),
                                discord.gatewayUrl(),
                                DiscordSettings.DEFAULT_ACK_BUDGET),
                        dispatcher,
                        messages,
                        corpus,
                        search,
                        ChatStatusListener.IGNORE,
                        clock)) {
            adapter.start();
            discord.awaitBotReady();
            String[] queries = {"网络", "互联互通", "网络主权", "合作", "发展"};
            for (int round = 1; round <= rounds; round++) {
                List<FakeDiscord.Sent> sent = new ArrayList<>(users);
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
                // every interaction is either acknowledged or refused by the fake (10062) once 3 s have passed
                Instant deadline = discord.createdAt(sent.get(sent.size() - 1)).plusSeconds(3);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> sent.stream()
                                        .allMatch(s -> discord.acknowledgedAt(s).isPresent())
                                || Instant.now().isAfter(deadline.plusSeconds(10)));
                Instant first = discord.createdAt(sent.get(0));
                Instant last = first;
                List<Long> millis = new ArrayList<>(users);
                int deferred = 0;
                int lost = 0;
                for (FakeDiscord.Sent s : sent) {
                    Optional<Instant> acked = discord.acknowledgedAt(s);
                    if (acked.isEmpty()) {
                        lost++;
                        continue;
                    }
                    if (acked.get().isAfter(last)) last = acked.get();
                    millis.add(
                            Duration.between(discord.createdAt(s), acked.get()).toNanos() / 1000);
                    if (discord.ackType(s) == 5) deferred++;
                }
                long done = Duration.between(first, last).toNanos();
                millis.sort(null);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %d commands pushed in %d ms, all acknowledged after %d ms (%.0f/s); ack p50 %.1f ms,"
                                + " p90 %.1f ms, p99 %.1f ms, max %.1f ms; deferred %d; not acknowledged within 3 s %d%n",
                        round,
                        users,
                        Duration.ofNanos(pushed - start).toMillis(),
                        Duration.ofNanos(done).toMillis(),
                        users * 1e9 / done,
                        pct(millis, 50),
                        pct(millis, 90),
                        pct(millis, 99),
                        pct(millis, 100),
                        deferred,
                        lost);
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

    private static double pct(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, i)) / 1000.0;
    }
}
