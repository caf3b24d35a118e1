package org.excerptbot.core.delivery.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;

/**
 * The delivery benchmark's bot side (run by {@code bench/delivery-fanout.sh}): N subscriptions in one slot in a
 * fresh embedded H2 database, the slot falls due, and the engine delivers every post through a Bot API messenger
 * to the fake at {@code api}, under the engine's Telegram limits at {@code rate}/s. Prints one result line.
 *
 * <p>Arguments: {@code api subscriptions rate burst senders [platformRate]}: the engine sends at {@code rate}/s;
 * the floor is computed from the platform's rate (the fake's), which defaults to the same.
 */
public final class DeliveryBenchmark {
    public static void main(String[] args) throws Exception {
        String api = args[0];
        int n = Integer.parseInt(args[1]);
        double rate = Double.parseDouble(args[2]);
        int burst = Integer.parseInt(args[3]);
        int senders = Integer.parseInt(args[4]);
        double platformRate = args.length > 5 ? Double.parseDouble(args[5]) : rate;

        Path dir = Files.createTempDirectory("delivery-bench");
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(
                () -> {
                    Runtime rt = Runtime.getRuntime();
                    peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                },
                0,
                20,
                TimeUnit.MILLISECONDS);

        try (Database db = Database.embedded(dir)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.dataSource());
            Slot slot = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
            Instant before = Instant.now().minusSeconds(60);
            for (int i = 0; i < n; i++) {
                ChatRef chat = new ChatRef(Platform.TELEGRAM, String.valueOf(100_000 + i), ChatType.PRIVATE);
                subscriptions.save(chat, slot, i % 4 == 0 ? Mode.SEQUENTIAL : Mode.DAILY, "zh", before);
            }
            Corpus corpus = CorpusLoader.loadPackaged();
            ExcerptPosts posts = new ExcerptPosts(
                    corpus, new DailyRotation(ExcerptPool.build(corpus), DailyRotation.DEFAULT_SEED), Messages.load());
            DeliveryConfig config = DeliveryConfig.defaults()
                    .withSenders(senders)
                    .withIdlePoll(Duration.ofMillis(100))
                    .withLimits(Platform.TELEGRAM, PlatformLimits.TELEGRAM.withRate(rate, burst));
            DeliveryEngine engine = new DeliveryEngine(
                    deliveries,
                    subscriptions,
                    List.of(new HttpBotApiMessenger(api, "123456:bench")),
                    posts,
                    Clock.systemUTC(),
                    config);
            engine.start();

            long t0 = System.nanoTime();
            int queued = engine.slotDue(slot, Instant.now());
            await().pollInterval(Duration.ofMillis(100))
                    .atMost(Duration.ofHours(2))
                    .until(() -> {
                        Map<DeliveryStatus, Integer> counts = deliveries.countByStatus();
                        return counts.get(DeliveryStatus.PENDING)
                                        + counts.get(DeliveryStatus.CLAIMED)
                                        + counts.get(DeliveryStatus.SENDING)
                                == 0;
                    });
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<DeliveryStatus, Integer> counts = deliveries.countByStatus();
            engine.stop();

            Map<?, ?> fake = fakeStats(api);
            double floor = n / platformRate;
            long pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getPeakUsage)
                    .mapToLong(u -> u.getUsed())
                    .sum();
            System.out.printf(
                    "RESULT subscriptions=%d platform=%.0f/s engine=%.0f/s queued=%d total=%.1fs floor=%.1fs ratio=%.3f sent=%d"
                            + " lost=%d duplicates=%s 429s=%s engine429=%d failed=%d skipped=%d"
                            + " peakHeapSampledMB=%.1f heapPoolPeaksMB=%.1f peakRssMB=%.1f%n",
                    n,
                    platformRate,
                    rate,
                    queued,
                    seconds,
                    floor,
                    seconds / floor,
                    counts.get(DeliveryStatus.SENT),
                    n - ((Number) fake.get("distinctChats")).longValue(),
                    fake.get("duplicates"),
                    fake.get("rejected429"),
                    engine.stats().rateLimited(),
                    counts.get(DeliveryStatus.FAILED),
                    counts.get(DeliveryStatus.SKIPPED),
                    peakHeap.get() / 1048576.0,
                    pools / 1048576.0,
                    peakRssKb() / 1024.0);
        }
    }

    private static Map<?, ?> fakeStats(String api) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(api + "/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readValue(r.body(), Map.class);
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
