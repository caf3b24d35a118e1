package org.excerptbot.core.platform;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
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
 */
public record PlatformContext(
        CommandDispatcher dispatcher,
        Messages messages,
        Corpus corpus,
        DailyRotation rotation,
        SearchIndex search,
        ChatStatusListener chatStatus,
        ZoneId zone,
        Clock clock) {
    public PlatformContext {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(chatStatus, "chatStatus");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
    }
}
