package org.excerptbot.app;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.core.card.CardPassages;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.ReplyTransform;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.concurrent.Background;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.metrics.MeteredCommands;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.search.CrossReferences;
import org.excerptbot.core.search.LuceneSearchIndex;

/**
 * The platform-neutral pieces, built once with plain constructors and handed, piece by piece, to whichever
 * adapters run.
 */
public record CoreServices(
        Corpus corpus,
        ExcerptPool pool,
        DailyRotation rotation,
        BackgroundSearchIndex search,
        Background<CrossReferences> links,
        Messages messages,
        CommandRegistry registry,
        CommandDispatcher dispatcher,
        CardPassages cards,
        Optional<URI> publicUrl,
        Clock clock) {

    /** Commands per user per minute before flood control steps in. */
    public static final int COMMANDS_PER_MINUTE = 20;

    /** The excerpt of the day's rotation over the packaged texts, with the configured seed. */
    public static DailyRotation rotation(AppConfig config) {
        return new DailyRotation(ExcerptPool.build(CorpusLoader.loadPackaged()), config.seed());
    }

    /**
     * Starts building the search index and the cross-references on threads of their own, so that the first search
     * or passage with related links need not wait for them; the first use starts what this has not.
     */
    public void startIndexing() {
        search.startBuilding();
        links.start();
    }

    /** What every platform adapter is built on, with chats' blocks and moves reported to {@code chatStatus}. */
    public PlatformContext platformContext(ChatStatusListener chatStatus, ZoneId zone) {
        return platformContext(chatStatus, zone, ChatScripts.byLanguage());
    }

    /** As above, each chat reading in the script {@code scripts} gives it (the one the dispatcher converts to). */
    public PlatformContext platformContext(ChatStatusListener chatStatus, ZoneId zone, ChatScripts scripts) {
        return new PlatformContext(
                dispatcher, messages, corpus, rotation, search, chatStatus, zone, clock, publicUrl, scripts);
    }

    /** Builds the core with the given zones and no commands beyond the built-in ones. */
    public static CoreServices build(AppConfig config, Clock clock, ChatZones zones) {
        return build(config, clock, zones, (corpus, pool) -> List.of(), BotMetrics.NONE);
    }

    /** Builds the core with the given zones and extra commands. */
    public static CoreServices build(AppConfig config, Clock clock, ChatZones zones, List<CommandSpec> extra) {
        return build(config, clock, zones, (corpus, pool) -> extra, BotMetrics.NONE);
    }

    /**
     * Builds the core with the given zones (the subscriptions' when there is a store) and extra commands made
     * from the corpus and the excerpt pool (the subscription commands need its size), every command counted in
     * {@code metrics}.
     */
    public static CoreServices build(
            AppConfig config,
            Clock clock,
            ChatZones zones,
            BiFunction<Corpus, ExcerptPool, List<CommandSpec>> extra,
            BotMetrics metrics) {
        return build(config, clock, zones, extra, metrics, ReplyTransform.NONE, CardScripts.SIMPLIFIED);
    }

    /** As above, every reply changed by {@code transform} (each chat's script), /card drawing its cards in it. */
    public static CoreServices build(
            AppConfig config,
            Clock clock,
            ChatZones zones,
            BiFunction<Corpus, ExcerptPool, List<CommandSpec>> extra,
            BotMetrics metrics,
            ReplyTransform transform,
            CardScripts cardScripts) {
        Corpus corpus = CorpusLoader.loadPackaged();
        ExcerptPool pool = ExcerptPool.build(corpus);
        DailyRotation rotation = new DailyRotation(pool, config.seed());
        BackgroundSearchIndex search = new BackgroundSearchIndex(() -> LuceneSearchIndex.build(corpus));
        Messages messages = Messages.load();
        // one renderer for /card and the card URLs, so that a card fetched after /card is not rendered again
        CardPictures pictures = CardPictures.onFirstUse();
        Background<CrossReferences> links = BuiltinCommands.crossReferences(corpus);
        CommandRegistry registry = MeteredCommands.wrap(
                BuiltinCommands.registry(
                        corpus,
                        rotation,
                        search,
                        zones,
                        clock,
                        new SplittableRandom(),
                        pictures,
                        cardScripts,
                        links,
                        extra.apply(corpus, pool)),
                metrics);
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry,
                messages,
                new FloodControl(COMMANDS_PER_MINUTE, clock),
                CommandDispatcher.OwnerCheck.NOBODY,
                transform);
        CardPassages cards = new CardPassages(corpus, pool, messages, pictures);
        return new CoreServices(
                corpus,
                pool,
                rotation,
                search,
                links,
                messages,
                registry,
                dispatcher,
                cards,
                config.publicUrl(),
                clock);
    }
}
