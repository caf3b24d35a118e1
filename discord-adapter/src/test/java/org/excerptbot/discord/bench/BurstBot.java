package org.excerptbot.discord.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.discord.DiscordAdapter;
import org.excerptbot.discord.DiscordPlatformFactory;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.discord.fake.FakeDiscord;

/**
 * The bot side of the Discord burst bench, in a JVM of its own as in production: the real adapter on JDA with the
 * real core, connected to the fake Discord at the URLs given. Prints {@code ready} once started, then answers the
 * driver's requests on stdin, one per line, each answer ending with {@code end}: {@code cpu} (CPU used so far, by
 * thread kind), {@code seen} (when the bot took each slash command in hand since the last request), {@code heap}. Ends
 * when stdin closes. Not a test: started by {@link InteractionBurst}.
 */
public final class BurstBot {
    /** Prefix of every line meant for the driver (the JVM may print banners of its own on stdout). */
    static final String LINE = "burst-bot\t";

    private BurstBot() {}

    /** The adapter with the real core (corpus, daily rotation, Lucene search), for the fake Discord at these URLs. */
    static DiscordAdapter create(String apiUrl, String gatewayUrl) {
        Corpus corpus = CorpusLoader.loadPackaged();
        DailyRotation rotation = new DailyRotation(ExcerptPool.build(corpus), DailyRotation.DEFAULT_SEED);
        SearchIndex search = LuceneSearchIndex.build(corpus);
        Messages messages = Messages.load();
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        CommandDispatcher dispatcher = new CommandDispatcher(
                BuiltinCommands.registry(
                        corpus, rotation, search, ChatZones.fixed(zone), clock, new SplittableRandom(1), List.of()),
                messages,
                new FloodControl(20, clock),
                CommandDispatcher.OwnerCheck.NOBODY);
        return new DiscordPlatformFactory(new DiscordSettings(FakeDiscord.TOKEN, apiUrl, gatewayUrl))
                .create(new PlatformContext(
                        dispatcher, messages, corpus, rotation, search, ChatStatusListener.IGNORE, zone, clock));
    }

    public static void main(String[] args) throws Exception {
        try (DiscordAdapter adapter = create(args[0], args[1])) {
            adapter.start();
            Map<String, Instant> seen = new ConcurrentHashMap<>();
            // runs after the adapter's own listener, in the same task: when the bot had taken the event in hand
            adapter.connections().get(0).addEventListener(new ListenerAdapter() {
                @Override
                public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                    seen.put(event.getId(), Instant.now());
                }
            });
            System.out.println(LINE + "ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String request = in.readLine(); request != null; request = in.readLine()) {
                StringBuilder out = new StringBuilder();
                switch (request) {
                    case "cpu" -> InteractionBurst.cpuByThreadGroup().forEach((k, v) -> out.append(LINE)
                            .append(k)
                            .append('\t')
                            .append(v)
                            .append('\n'));
                    case "seen" -> {
                        for (String id : List.copyOf(seen.keySet())) {
                            out.append(LINE)
                                    .append(id)
                                    .append('\t')
                                    .append(seen.remove(id))
                                    .append('\n');
                        }
                    }
                    case "heap" -> {
                        long peak = 0;
                        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                            if (pool.getType() == MemoryType.HEAP)
                                peak += pool.getPeakUsage().getUsed();
                        }
                        out.append(LINE)
                                .append(peak)
                                .append('\t')
                                .append(Runtime.getRuntime().maxMemory())
                                .append('\n');
                    }
                    default -> out.append(LINE)
                            .append("unknown request ")
                            .append(request)
                            .append('\n');
                }
                System.out.print(out.append(LINE).append("end\n"));
                System.out.flush();
            }
        }
    }
}
