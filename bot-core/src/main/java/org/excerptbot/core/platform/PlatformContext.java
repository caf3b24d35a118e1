package org.excerptbot.core.platform;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.SearchIndex;

/**
 * What every platform adapter is built on: the core's dispatcher and texts, the corpus with its rotation and
 * search (inline queries, autocomplete), where chats that block or move are reported, the instance's zone and the
 * clock.
 *
 * @param publicUrl where the world reaches the bot's HTTP server (no trailing slash), when the self-hoster set it:
 *     cards are served there at {@link org.excerptbot.core.card.CardKey#path()}
 * @param cardScripts the script each chat's cards are drawn in, for cards an adapter offers itself (inline results)
 */
public record PlatformContext(
        CommandDispatcher dispatcher,
        Messages messages,
        Corpus corpus,
        DailyRotation rotation,
        SearchIndex search,
        ChatStatusListener chatStatus,
        ZoneId zone,
        Clock clock,
        Optional<URI> publicUrl,
        CardScripts cardScripts) {
    public PlatformContext {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(chatStatus, "chatStatus");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(cardScripts, "cardScripts");
    }

    /** A context without a public URL of the bot's HTTP server, its cards all in simplified characters. */
    public PlatformContext(
            CommandDispatcher dispatcher,
            Messages messages,
            Corpus corpus,
            DailyRotation rotation,
            SearchIndex search,
            ChatStatusListener chatStatus,
            ZoneId zone,
            Clock clock) {
        this(
                dispatcher,
                messages,
                corpus,
                rotation,
                search,
                chatStatus,
                zone,
                clock,
                Optional.empty(),
                CardScripts.SIMPLIFIED);
    }
}
