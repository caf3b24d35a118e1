package org.excerptbot.core.bookmark;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.RepliedTo;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.Passages;
import org.excerptbot.core.reference.References;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * {@code /save passage}, {@code /saved} and {@code /unsave passage}: each user's bookmarks, kept in a {@link
 * BookmarkStore}. A passage is a paragraph ({@code 1.11}, or any reference {@link References} reads, such as {@code
 * 原则二}) or an excerpt by its id ({@code 1.11.2}): the save buttons under excerpts and paragraphs send {@code save
 * 1.11.2} and {@code save 1.11}. {@code /save} sent as a reply saves the passage of the message it replies to
 * (by its buttons when the bot sent it, by the references it contains otherwise).
 */
public final class BookmarkCommands {
    /** Bookmarks per page of /saved. */
    public static final int PAGE_SIZE = 5;
    /** The most bookmarks one user keeps. */
    public static final int MAX_PER_READER = 500;
    /** The characters of a passage shown in the list. */
    static final int PREVIEW = 40;
    /** The data of a save button, before the passage ({@code save 1.11.2}). */
    private static final String SAVE = "save ";

    private final BookmarkStore store;
    private final Corpus corpus;
    private final ExcerptPool pool;
    private final Clock clock;

    public BookmarkCommands(BookmarkStore store, Corpus corpus, ExcerptPool pool, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The three commands, for the registry. */
    public List<CommandSpec> specs() {
        return List.of(
                CommandSpec.everyone(
                        "save",
                        List.of(ArgSpec.text("passage", 1, ArgSpec.MAX_TEXT).asOptional()),
                        this::save),
                CommandSpec.everyone("saved", List.of(), this::saved),
                CommandSpec.everyone("unsave", List.of(ArgSpec.text("passage", 1, ArgSpec.MAX_TEXT)), this::unsave));
    }

    Reply save(CommandContext context) {
        Texts texts = context.texts();
        Optional<String> typed = context.optionalText("passage");
        Optional<RepliedTo> replied = context.request().repliedTo();
        if (typed.isEmpty() && replied.isEmpty()) {
            return Reply.error(texts.get("save.missing"));
        }
        Optional<String> passage = typed.isPresent() ? passage(typed.get()) : passage(replied.get());
        if (passage.isEmpty()) {
            return Reply.error(
                    typed.isPresent() ? texts.get("save.unknown", typed.get()) : texts.get("save.reply.none"));
        }
        Reader reader = Reader.of(context.request());
        if (store.count(reader) >= MAX_PER_READER) return Reply.error(texts.get("save.full", MAX_PER_READER));
        boolean added = store.add(reader, passage.get(), clock.instant());
        return Reply.builder(Reply.Kind.NOTICE)
                .section(Section.text(texts.get(added ? "save.done" : "save.already", passage.get())))
                .actionRow(List.of(new Action(texts.get("action.saved"), "saved")))
                .personal()
                .build();
    }

    Reply unsave(CommandContext context) {
        Texts texts = context.texts();
        String typed = context.text("passage");
        String passage = Bookmark.isPassage(typed) ? typed : passage(typed).orElse(typed);
        if (!store.remove(Reader.of(context.request()), passage)) {
            return Reply.error(texts.get("unsave.none", passage));
        }
        return page(context, Optional.of(texts.get("unsave.done", passage)));
    }

    Reply saved(CommandContext context) {
        return page(context, Optional.empty());
    }

    private Reply page(CommandContext context, Optional<String> notice) {
        Texts texts = context.texts();
        Reader reader = Reader.of(context.request());
        int count = store.count(reader);
        if (count == 0) return Reply.notice(notice.map(n -> n + "\n").orElse("") + texts.get("saved.empty"));
        int pages = (count + PAGE_SIZE - 1) / PAGE_SIZE;
        int page = Math.min(context.page(), pages);
        List<Bookmark> shown = store.list(reader, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT).title(texts.get("saved.title", count, page, pages));
        notice.ifPresent(n -> reply.section(Section.text(n)));
        List<Action> open = new ArrayList<>();
        List<Action> remove = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Bookmark b = shown.get(i);
            reply.section(
                    Section.of(Span.strong((i + 1) + ". " + b.passage() + " "), Span.plain(preview(b.passage()))));
            open.add(new Action(texts.get("action.open", b.passage()), openData(b.passage())));
            remove.add(new Action(texts.get("action.unsave", i + 1), "unsave:" + page + " " + b.passage()));
        }
        reply.actionRow(open).actionRow(remove);
        List<Action> paging = new ArrayList<>();
        if (page > 1) paging.add(new Action(texts.get("action.page.previous", page - 1), "saved:" + (page - 1)));
        if (page < pages) paging.add(new Action(texts.get("action.page.next", page + 1), "saved:" + (page + 1)));
        return reply.actionRow(paging).build();
    }

    /** The passage a typed reference or excerpt id names, as it is stored; empty when it names none that exists. */
    Optional<String> passage(String typed) {
        String s = typed.strip();
        if (Bookmark.isPassage(s) && s.chars().filter(c -> c == '.').count() == 2) {
            return pool.byId(s).map(Excerpt::id);
        }
        return Passages.first(corpus, s).map(ParagraphRef::position);
    }

    /**
     * The passage a message names. The bot's own message says it by its save button (under every excerpt and
     * paragraph it shows), not by its text, which quotes the texts and may hold words that read like references, nor
     * by the open buttons of a list, which name several; anyone else's names it by the references it contains, as
     * typed in chat.
     */
    Optional<String> passage(RepliedTo message) {
        if (!message.own()) return message.text().isBlank() ? Optional.empty() : passage(message.text());
        return message.actions().stream()
                .filter(data -> data.startsWith(SAVE))
                .map(data -> passage(data.substring(SAVE.length())))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private String preview(String passage) {
        String text = pool.byId(passage)
                .map(Excerpt::text)
                .or(() -> ParagraphRef.parse(passage).flatMap(corpus::paragraph).map(p -> p.text()))
                .orElse("");
        return Passages.preview(text, PREVIEW);
    }

    private static String openData(String passage) {
        String[] parts = passage.split("[.-]");
        return "read " + parts[0] + " " + parts[1];
    }
}
