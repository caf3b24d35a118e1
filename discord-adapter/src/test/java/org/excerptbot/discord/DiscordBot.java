package org.excerptbot.discord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;
import org.excerptbot.discord.fake.FakeDiscord;

/** The adapter on a real JDA, connected to a fresh fake Discord; closes both. */
final class DiscordBot implements AutoCloseable {
    static final Corpus CORPUS = CorpusLoader.loadPackaged();
    static final Messages MESSAGES = Messages.load();

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

    final FakeDiscord discord = new FakeDiscord();
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
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry, MESSAGES, new FloodControl(1000, clock), CommandDispatcher.OwnerCheck.NOBODY);
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
        adapter = new DiscordAdapter(
                new DiscordSettings(FakeDiscord.TOKEN, discord.apiUrl(), discord.gatewayUrl()),
                dispatcher,
                MESSAGES,
                CORPUS,
                search,
                listener,
                clock);
        try {
            adapter.start();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        discord.awaitBotReady();
    }

    @Override
    public void close() {
        adapter.close();
        discord.close();
    }
}
