package org.excerptbot.core.command.builtin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.excerptbot.core.Version;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.concurrent.Background;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.ExcerptSections;
import org.excerptbot.core.search.CrossReferences;
import org.excerptbot.core.search.SearchIndex;

/** Builds the registry of the built-in commands, in the order /help and the platforms' menus show them. */
public final class BuiltinCommands {
    private BuiltinCommands() {}

    /**
     * The registry of every built-in command, followed by {@code extra} (for example the subscription commands),
     * checked against the packaged interface strings.
     *
     * @throws IllegalArgumentException when a spec is malformed or refers to a message missing from a bundle
     */
    public static CommandRegistry registry(
            Corpus corpus,
            DailyRotation rotation,
            SearchIndex search,
            ChatZones zones,
            Clock clock,
            RandomGenerator random,
            List<CommandSpec> extra) {
        return registry(corpus, rotation, search, zones, clock, random, CardPictures.onFirstUse(), extra);
    }

    /**
     * Like {@link #registry(Corpus, DailyRotation, SearchIndex, ChatZones, Clock, RandomGenerator, List)}, with the
     * renderer /card draws its cards with (one renderer, shared, keeps one cache of recent cards).
     */
    public static CommandRegistry registry(
            Corpus corpus,
            DailyRotation rotation,
            SearchIndex search,
            ChatZones zones,
            Clock clock,
            RandomGenerator random,
            CardRenderer cards,
            List<CommandSpec> extra) {
        return registry(corpus, rotation, search, zones, clock, random, new CardPictures(cards), extra);
    }

    /** Like the others, with the pictures /card draws its cards with (shared, for example, with the card URLs). */
    public static CommandRegistry registry(
            Corpus corpus,
            DailyRotation rotation,
            SearchIndex search,
            ChatZones zones,
            Clock clock,
            RandomGenerator random,
            CardPictures cards,
            List<CommandSpec> extra) {
        return registry(
                corpus,
                rotation,
                search,
                zones,
                clock,
                random,
                cards,
                CardScripts.SIMPLIFIED,
                crossReferences(corpus),
                extra);
    }

    /** The corpus's cross-references, derived on a thread of their own when first needed (or started). */
    public static Background<CrossReferences> crossReferences(Corpus corpus) {
        Objects.requireNonNull(corpus, "corpus");
        return Background.of("cross-references", () -> CrossReferences.derive(corpus));
    }

    /**
     * Like the others, with the script each chat's cards are drawn in, and the cross-references the passages link
     * to (derived in the background: building them takes a Lucene index, which start-up need not wait for).
     */
    public static CommandRegistry registry(
            Corpus corpus,
            DailyRotation rotation,
            SearchIndex search,
            ChatZones zones,
            Clock clock,
            RandomGenerator random,
            CardPictures cards,
            CardScripts cardScripts,
            Supplier<CrossReferences> links,
            List<CommandSpec> extra) {
        ExcerptSections sections = new ExcerptSections(corpus);
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(new HelpCommand("start").spec());
        specs.add(new HelpCommand("help").spec());
        specs.add(new TodayCommand(rotation, sections, zones, clock).spec());
        specs.add(new RandomCommand(rotation.pool(), sections, random).spec());
        specs.add(new PointCommand(corpus, Point.Kind.PRINCIPLE, links).spec());
        specs.add(new PointCommand(corpus, Point.Kind.PROPOSAL, links).spec());
        specs.add(new ReadCommand(corpus, links).spec());
        specs.add(new PassageCommand().spec());
        specs.add(new RelatedCommand(corpus, links).spec());
        specs.add(new SearchCommand(corpus, search).spec());
        specs.add(new CardCommand(corpus, rotation, zones, clock, cards, cardScripts).spec());
        specs.add(new DocsCommand(corpus).spec());
        specs.addAll(extra);
        specs.add(new AboutCommand(corpus, Version.get(), rotation.seed()).spec());
        return CommandRegistry.of(specs, Messages.load());
    }
}
