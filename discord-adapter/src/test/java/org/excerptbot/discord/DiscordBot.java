package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.PostHistory;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;
import org.excerptbot.core.subscription.SubscriptionCommands;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;

/** The adapter on a real JDA, connected to a fresh fake Discord; closes both. */
final class DiscordBot implements AutoCloseable {
    static final Corpus CORPUS = CorpusLoader.loadPackaged();
    static final Messages MESSAGES = Messages.load();
    static final DailyRotation ROTATION = new DailyRotation(ExcerptPool.build(CORPUS), DailyRotation.DEFAULT_SEED);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** For tests that do not search: finds nothing, suggests nothing. */
    static final SearchIndex NO_SEARCH = new SearchIndex() {
        @Override
        public SearchResult search(SearchQuery query, int offset, int limit) {
            return SearchResult.empty(List.of());
        }

        @Override
        public List<String> suggest(String typed, int limit) {
            return List.of();
        }
    };

    /** A role of the test server with Manage Server: its members may manage subscriptions. */
    static final FakeDiscord.Role MODERATORS =
            new FakeDiscord.Role("1500000000000000001", "moderators", FakeDiscord.MANAGE_GUILD);

    /** The built-in commands (no search, days in {@code zone}) and the subscription commands of {@code service}. */
    static CommandRegistry withSubscriptions(
            DailyRotation rotation, ZoneId zone, Clock clock, SubscriptionService service, ExcerptPosts posts) {
        return withSubscriptions(rotation, zone, clock, service, posts, PostHistory.NONE);
    }

    /** {@link #withSubscriptions}, with {@code /status} reading the posts' fate from {@code history}. */
    static CommandRegistry withSubscriptions(
            DailyRotation rotation,
            ZoneId zone,
            Clock clock,
            SubscriptionService service,
            ExcerptPosts posts,
            PostHistory history) {
        return BuiltinCommands.registry(
                CORPUS,
                rotation,
                NO_SEARCH,
                ChatZones.fixed(zone),
                clock,
                new SplittableRandom(1),
                new SubscriptionCommands(service, posts::sequenceLength, history).specs());
    }

    /** What the adapter runs on: the core's dispatcher for these commands, the test corpus and texts. */
    static PlatformContext context(
            CommandRegistry registry, SearchIndex search, ChatStatusListener listener, Clock clock) {
        return context(
                new CommandDispatcher(
                        registry, MESSAGES, new FloodControl(1000, clock), CommandDispatcher.OwnerCheck.NOBODY),
                search,
                listener,
                clock);
    }

    /** What the adapter runs on: this dispatcher (with a chat's script, say), the test corpus and texts. */
    static PlatformContext context(
            CommandDispatcher dispatcher, SearchIndex search, ChatStatusListener listener, Clock clock) {
        return new PlatformContext(dispatcher, MESSAGES, CORPUS, ROTATION, search, listener, ZONE, clock);
    }

    /** The built-in commands (and these extra ones) on a fixed clock, with days in Shanghai, searching {@code search}. */
    static DiscordBot builtins(Clock clock, SearchIndex search, List<CommandSpec> extra) throws InterruptedException {
        return new DiscordBot(
                BuiltinCommands.registry(
                        CORPUS, ROTATION, search, ChatZones.fixed(ZONE), clock, new SplittableRandom(7), extra),
                search);
    }

    /**
     * The built-in commands (no search) on this clock, connected to a fake Discord that announces the server {@code
     * server} makes: for what needs the bot in a server (its messages, its channels' types).
     */
    static DiscordBot inServer(Function<FakeDiscord, FakeDiscord.Guild> server, Clock clock)
            throws InterruptedException {
        FakeDiscord fake = new FakeDiscord();
        fake.announceGuild(server.apply(fake));
        return new DiscordBot(
                fake,
                DiscordShards.NONE,
                BuiltinCommands.registry(
                        CORPUS, ROTATION, NO_SEARCH, ChatZones.fixed(ZONE), clock, new SplittableRandom(7), List.of()),
                NO_SEARCH,
                null,
                clock);
    }

    /** The text of a paragraph as a reader sees it in an embed. */
    static String paragraphAsShown(int document, int number) {
        return FakeMessage.read(CORPUS.paragraph(new ParagraphRef(document, number))
                .orElseThrow()
                .text());
    }

    /** Closes the bot after checking that it acknowledged every interaction and Discord accepted all it sent. */
    static void closeChecked(DiscordBot bot) {
        if (bot == null) return;
        try {
            assertThat(bot.discord.unacknowledged()).isEmpty();
            assertThat(bot.discord.calls(c -> c.status() >= 400)).isEmpty();
        } finally {
            bot.close();
        }
    }

    final FakeDiscord discord;
    final DiscordAdapter adapter;
    final List<String> forbidden = new ArrayList<>();

    DiscordBot(CommandRegistry registry, SearchIndex search) throws InterruptedException {
        this(registry, search, null, Clock.systemUTC());
    }

    /**
     * @param listener told of forbidden chats; null to record them in {@link #forbidden}
     * @param clock the adapter's clock (autocomplete offsets, rate-limit waits)
     */
    DiscordBot(CommandRegistry registry, SearchIndex search, ChatStatusListener listener, Clock clock)
            throws InterruptedException {
        this(new FakeDiscord(), DiscordShards.NONE, registry, search, listener, clock);
    }

    /**
     * @param discord the fake Discord to connect to, set up beforehand (servers announced on connect, say)
     * @param shards the shards to run
     */
    DiscordBot(
            FakeDiscord discord,
            DiscordShards shards,
            CommandRegistry registry,
            SearchIndex search,
            ChatStatusListener listener,
            Clock clock)
            throws InterruptedException {
        this.discord = discord;
        if (listener == null) {
            listener = new ChatStatusListener() {
                @Override
                public void chatForbidden(ChatRef chat, String reason) {
                    synchronized (forbidden) {
                        forbidden.add(chat.id() + ": " + reason);
                    }
                }

                @Override
                public void chatMigrated(ChatRef chat, String newChatId) {}
            };
        }
        adapter = started(discord, shards, context(registry, search, listener, clock));
    }

    /** The adapter on this context, connected to {@code discord} (set up beforehand), one shard. */
    DiscordBot(FakeDiscord discord, PlatformContext context) throws InterruptedException {
        this.discord = discord;
        adapter = started(discord, DiscordShards.NONE, context);
    }

    private static DiscordAdapter started(FakeDiscord discord, DiscordShards shards, PlatformContext context)
            throws InterruptedException {
        DiscordAdapter adapter = new DiscordPlatformFactory(
                        new DiscordSettings(FakeDiscord.TOKEN, discord.apiUrl(), discord.gatewayUrl(), shards))
                .create(context);
        try {
            adapter.start();
        } catch (RuntimeException | InterruptedException e) {
            discord.close();
            throw e;
        }
        discord.awaitBotReady();
        return adapter;
    }

    @Override
    public void close() {
        adapter.close();
        discord.close();
    }
}
