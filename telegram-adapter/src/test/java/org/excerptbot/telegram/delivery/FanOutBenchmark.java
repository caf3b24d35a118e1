package org.excerptbot.telegram.delivery;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.delivery.SenderSizing;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.telegram.CorpusInlineSource;
import org.excerptbot.telegram.InlineSource;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;

/**
 * The bot side of the fan-out benchmark ({@code bench/delivery-fanout.sh}), in its own JVM ({@code -Xmx128m}):
 * {@code subscriptions} subscriptions in one slot in a fresh embedded H2 database; the slot falls due
 * ({@link DeliveryEngine#slotDue}, what the Quartz job calls) and the engine delivers every post through the
 * Telegram adapter ({@link PlatformAdapter#messenger()}: HTML rendering, TelegramBots over OkHttp) to the fake Bot API
 * of {@link FanOutFakeApi}. Prints one {@code RESULT} line: total time from the slot falling due to the last row
 * finished, the floor ({@code subscriptions / platformRate}), their ratio, what the users received (lost,
 * duplicates), the 429s, peak heap (sampled every 20 ms) and peak RSS ({@code VmHWM}).
 *
 * <p>Arguments: {@code api-url stats-url subscriptions platformRate [headroom=0.02] [senders=sized from the rate] [warmUp=0]}; the
 * engine is set to the platform's rate and paces at {@code platformRate * (1 - headroom)}. With {@code warmUp} > 0
 * a smaller slot of that many other subscriptions (07:00, other chats) is delivered first in the same process, as
 * a bot running since before 08:00 would have done, then the process is left quiet (the platform idle for a second,
 * an empty sliding window; the JIT compilers idle for a second, at most a minute) before the timed slot falls due;
 * the warm-up's own figures are printed on a {@code WARMUP} line.
 */
public final class FanOutBenchmark {
    private FanOutBenchmark() {}

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String statsUrl = args[1];
        int n = Integer.parseInt(args[2]);
        double platformRate = Double.parseDouble(args[3]);
        double headroom = args.length > 4 ? Double.parseDouble(args[4]) : PlatformLimits.TELEGRAM.headroom();
        int senders = args.length > 5
                ? Integer.parseInt(args[5])
                : SenderSizing.DEFAULT.sendersFor(
                        PlatformLimits.TELEGRAM.withRate(platformRate).withHeadroom(headroom));
        int warmUp = args.length > 6 ? Integer.parseInt(args[6]) : 0;

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

        Clock clock = Clock.systemUTC();
        Path dir = Files.createTempDirectory("delivery-fanout");
        try (Database db = Database.embedded(dir)) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db);
            // slots that fell due this minute and two minutes ago, for subscriptions made before both: the slot is
            // queued by slotDue below at once, whatever the time of day
            ZoneId shanghai = ZoneId.of("Asia/Shanghai");
            LocalTime now = LocalTime.now(clock.withZone(shanghai)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Slot slot = new Slot(now, shanghai);
            Slot warmSlot = new Slot(now.minusMinutes(2), shanghai);
            Instant before = clock.instant().minusSeconds(300);
            Corpus corpus = CorpusLoader.loadPackaged();
            Messages messages = Messages.load();
            DailyRotation rotation = new DailyRotation(ExcerptPool.build(corpus), DailyRotation.DEFAULT_SEED);
            ExcerptPosts posts = new ExcerptPosts(corpus, rotation, messages);

            // the commands and inline mode as the application wires them
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            SearchIndex search = LuceneSearchIndex.build(corpus);
            CommandRegistry registry = BuiltinCommands.registry(
                    corpus, rotation, search, ChatZones.fixed(zone), clock, new SplittableRandom(), List.of());
            InlineSource inline = new CorpusInlineSource(corpus, rotation, search, zone, clock, messages);
            CommandDispatcher dispatcher = new CommandDispatcher(
                    registry, messages, new FloodControl(20, clock), CommandDispatcher.OwnerCheck.NOBODY);
            TelegramSettings settings =
                    TelegramSettings.of(FanOutFakeApi.TOKEN, URI.create(api)).withPollTimeout(Duration.ofSeconds(10));
            DeliveryConfig config = DeliveryConfig.builder()
                    .sendersPerPlatform(senders)
                    .limits(
                            Platform.TELEGRAM,
                            PlatformLimits.TELEGRAM.withRate(platformRate).withHeadroom(headroom))
                    .build();
            PlatformContext context = new PlatformContext(
                    dispatcher,
                    messages,
                    corpus,
                    rotation,
                    search,
                    new SubscriptionChatStatus(subscriptions, clock),
                    zone,
                    clock);
            try (PlatformAdapter bot = new TelegramPlatformFactory(settings).create(context)) {
                bot.start();
                DeliveryEngine engine =
                        new DeliveryEngine(deliveries, subscriptions, List.of(bot.messenger()), posts, clock, config);
                engine.start();
                // subscribed after the engine's start-up catch-up, so that only the timed slotDue queues them
                for (int i = 0; i < n + warmUp; i++) {
                    ChatRef chat = new ChatRef(
                            Platform.TELEGRAM, String.valueOf(FanOutFakeApi.FIRST_CHAT + i), ChatType.PRIVATE);
                    subscriptions.save(
                            chat, i < n ? slot : warmSlot, i % 4 == 0 ? Mode.SEQUENTIAL : Mode.DAILY, "zh", before);
                }

                int done = 0;
                Map<DeliveryStatus, Integer> warmCounts = deliveries.countByStatus();
                if (warmUp > 0) {
                    long w0 = System.nanoTime();
                    ThreadCpu warmCpu = ThreadCpu.now();
                    done = engine.slotDue(warmSlot, clock.instant());
                    awaitFinished(engine, done);
                    double warmSeconds = (System.nanoTime() - w0) / 1e9;
                    double warmCpuMs = (ThreadCpu.now().processNanos() - warmCpu.processNanos()) / 1e6;
                    // quiet before the minute, as a bot running since earlier is: the platform idle for a second
                    // (no send of the warm-up in its window), and the JIT done with what the warm-up queued
                    long quiet0 = System.nanoTime();
                    TimeUnit.MILLISECONDS.sleep(1_100);
                    double jitSeconds = ThreadCpu.awaitQuietJit();
                    System.out.printf(
                            "WARMUP posts=%d total=%.1fs botCpuMsPerPost=%.2f then quiet %.1fs (JIT compiling for %.1fs"
                                    + " of it)%n",
                            done,
                            warmSeconds,
                            warmCpuMs / Math.max(1, done),
                            (System.nanoTime() - quiet0) / 1e9,
                            jitSeconds);
                    warmCounts = deliveries.countByStatus();
                }

                get(statsUrl.replace("/stats", "/mark"));
                // -Dbench.jfr=FILE: a JFR profile of the timed run only (not of set-up or warm-up)
                String jfrFile = System.getProperty("bench.jfr");
                jdk.jfr.Recording jfr = null;
                if (jfrFile != null) {
                    jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    jfr.start();
                }
                long t0 = System.nanoTime();
                ThreadCpu cpu0 = ThreadCpu.now();
                long gc0 = gcMillis();
                int queued = engine.slotDue(slot, clock.instant());
                double queuedSeconds = (System.nanoTime() - t0) / 1e9;
                awaitFinished(engine, done + queued);
                long t1 = System.nanoTime();
                double seconds = (t1 - t0) / 1e9;
                ThreadCpu cpu1 = ThreadCpu.now();
                if (jfr != null) {
                    jfr.stop();
                    jfr.dump(Path.of(jfrFile));
                }
                long cpuNanos = cpu1.processNanos() - cpu0.processNanos();
                Map<DeliveryStatus, Integer> counts = deliveries.countByStatus();
                engine.stop();

                Map<?, ?> fake = fakeStats(statsUrl);
                double floor = n / platformRate;
                long gcMillis = gcMillis() - gc0;
                System.out.printf(
                        "RESULT subscriptions=%d platform=%.0f/s paced=%.1f/s senders=%d queued=%d (in %.2fs) total=%.1fs"
                                + " floor=%.1fs ratio=%.3f sent=%d lost=%s duplicates=%s 429s=%s otherErrors=%s"
                                + " failed=%d skipped=%d abandoned=%d peakHeapMB=%.1f peakRssMB=%.1f gcMs=%d botCpuMsPerPost=%.2f"
                                + " fakeCpuMsPerPost=%s%n",
                        n,
                        platformRate,
                        config.limitsOf(Platform.TELEGRAM).pacedPerSecond(),
                        senders,
                        queued,
                        queuedSeconds,
                        seconds,
                        floor,
                        seconds / floor,
                        counts.get(DeliveryStatus.SENT) - warmCounts.get(DeliveryStatus.SENT),
                        fake.get("lost"),
                        fake.get("duplicates"),
                        fake.get("rejected429"),
                        fake.get("otherErrors"),
                        counts.get(DeliveryStatus.FAILED) - warmCounts.get(DeliveryStatus.FAILED),
                        counts.get(DeliveryStatus.SKIPPED) - warmCounts.get(DeliveryStatus.SKIPPED),
                        counts.get(DeliveryStatus.ABANDONED) - warmCounts.get(DeliveryStatus.ABANDONED),
                        peakHeap.get() / 1048576.0,
                        peakRssKb() / 1024.0,
                        gcMillis,
                        cpuNanos / 1e6 / n,
                        fake.get("cpuMsPerPost"));
                System.out.println("BOT-CPU-MS-PER-POST " + cpu1.perPostSince(cpu0, n));
                if (fake.get("firstAcceptedNanos") instanceof Number first
                        && fake.get("lastAcceptedNanos") instanceof Number last) {
                    // both JVMs read the machine's monotonic clock (Linux): where the total went
                    System.out.printf(
                            "PHASES dueToFirstAccepted=%.3fs firstToLastAccepted=%.3fs lastAcceptedToAllRecorded=%.3fs%n",
                            (first.longValue() - t0) / 1e9,
                            (last.longValue() - first.longValue()) / 1e9,
                            (t1 - last.longValue()) / 1e9);
                }
                System.out.println("FAKE-STATS " + fake);
            }
        }
        sampler.shutdownNow();
        // the run's database is of no use afterwards
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.exit(0);
    }

    /** Waits on the engine's own counters: polling the store would cost the bot a query on the whole queue. */
    private static void awaitFinished(DeliveryEngine engine, int posts) {
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofHours(2)).until(() -> {
            DeliveryEngine.Stats s = engine.stats();
            return s.sent() + s.failed() + s.skipped() >= posts;
        });
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static Map<?, ?> fakeStats(String statsUrl) throws Exception {
        return new ObjectMapper().readValue(get(statsUrl), Map.class);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
