package org.excerptbot.telegram;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;

/** The packaged corpus, the built-in commands and the corpus inline source, wired as the application does. */
final class RealBot {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 2026-11-28 10:00 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);

    static final Corpus CORPUS = CorpusLoader.loadPackaged();
    static final DailyRotation ROTATION = new DailyRotation(ExcerptPool.build(CORPUS), DailyRotation.DEFAULT_SEED);
    static final SearchIndex SEARCH = LuceneSearchIndex.build(CORPUS);

    private RealBot() {}

    static CommandRegistry registry() {
        return BuiltinCommands.registry(
                CORPUS, ROTATION, SEARCH, ChatZones.fixed(ZONE), CLOCK, new SplittableRandom(7), List.of());
    }

    /** The built-in commands, /card drawing each chat's cards in the script {@code cardScripts} names. */
    static CommandRegistry registry(CardScripts cardScripts) {
        return BuiltinCommands.registry(
                CORPUS,
                ROTATION,
                SEARCH,
                ChatZones.fixed(ZONE),
                CLOCK,
                new SplittableRandom(7),
                CardPictures.onFirstUse(),
                cardScripts,
                BuiltinCommands.crossReferences(CORPUS),
                List.of());
    }

    static InlineSource inline() {
        return new CorpusInlineSource(CORPUS, ROTATION, SEARCH, ZONE, CLOCK, Messages.load());
    }

    static TestBot start() {
        return new TestBot(registry(), inline(), CLOCK);
    }
}
