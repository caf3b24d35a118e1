package org.excerptbot.core.subscription;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.ExcerptSections;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;

/**
 * {@code /progress}: where each sequential schedule of the chat is in its reading, counted in what the reader reads
 * (the excerpt that comes next out of the pool's excerpts, the paragraph it is in, and the share already read), when
 * its next post comes, and a button per schedule that reads on at once. {@code /progress N S} (the button) shows the
 * pool's excerpt N and moves schedule S's reading past it when the reading is at N, so that the next post continues
 * after what was read; pressed again, the reading is no longer at N and stays. Since the reading is the chat's, only
 * who may change the chat's schedules moves it (anyone in a private chat, an administrator elsewhere); anyone else
 * reads on alone. {@code /progress N} only shows excerpt N.
 */
public final class ProgressCommands {
    public static final String COMMAND = "progress";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SubscriptionService service;
    private final ExcerptPool pool;
    private final ExcerptSections sections;
    /** For each excerpt of the pool, how many distinct paragraphs the reading has reached with it (from 1). */
    private final int[] paragraphOrdinal;

    private final int paragraphs;

    public ProgressCommands(SubscriptionService service, Corpus corpus, ExcerptPool pool) {
        this.service = Objects.requireNonNull(service, "service");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.sections = new ExcerptSections(Objects.requireNonNull(corpus, "corpus"));
        this.paragraphOrdinal = new int[pool.size()];
        ParagraphRef last = null;
        int count = 0;
        for (int i = 0; i < pool.size(); i++) {
            ParagraphRef ref = pool.get(i).ref();
            if (!ref.equals(last)) count++;
            last = ref;
            paragraphOrdinal[i] = count;
        }
        this.paragraphs = count;
    }

    public List<CommandSpec> specs() {
        return List.of(new CommandSpec(
                COMMAND,
                List.of(
                        ArgSpec.integer("excerpt", 1, pool.size()).asOptional(),
                        ArgSpec.integer("schedule", 1, Integer.MAX_VALUE).asOptional()),
                Privacy.PUBLIC,
                Locality.ALL,
                this::progress));
    }

    Reply progress(CommandContext context) {
        Texts texts = context.texts();
        Optional<Integer> asked = context.optionalInteger("excerpt");
        if (asked.isPresent()) {
            int index = asked.get() - 1;
            Optional<Subscription> reading = context.optionalInteger("schedule")
                    .flatMap(id -> service.schedule(id))
                    .filter(s -> s.active() && s.mode() == Mode.SEQUENTIAL);
            Optional<String> note = context.optionalInteger("schedule")
                    .map(id -> reading.map(s -> readOn(s, index, context.request(), texts))
                            .orElseGet(() -> texts.get("progress.read.gone")));
            return readOn(index, reading, note, texts);
        }
        List<Subscription> readings = service.active(context.request().chat()).stream()
                .filter(s -> s.mode() == Mode.SEQUENTIAL)
                .toList();
        if (readings.isEmpty()) return Reply.notice(texts.get("progress.none"));
        Reply.Builder reply = Reply.builder(Reply.Kind.NOTICE).title(texts.get("progress.title"));
        List<Action> next = new ArrayList<>();
        for (Subscription s : readings) {
            int index = index(s);
            Excerpt excerpt = pool.get(index);
            reply.section(Section.text(texts.get(
                            "progress.schedule",
                            s.slot().timeText(),
                            index + 1,
                            pool.size(),
                            texts.get("progress.document." + excerpt.ref().document()),
                            excerpt.ref().paragraph(),
                            paragraphOrdinal[index],
                            paragraphs,
                            index * 100 / pool.size())
                    + "\n" + nextPost(s, texts)));
            next.add(new Action(
                    texts.get("action.progress.next", s.slot().timeText(), index + 1), data(index, Optional.of(s))));
        }
        reply.section(Section.text(texts.get("progress.next.hint")));
        return reply.actionRow(next).build();
    }

    /** Moves the reading past excerpt {@code index} when it is there and the user may; says what became of it. */
    private String readOn(Subscription s, int index, Request request, Texts texts) {
        boolean allowed = request.chat().type() == ChatType.PRIVATE
                ? s.chat().platform() == request.chat().platform()
                        && s.chat().id().equals(request.chat().id())
                : s.chat().platform() == request.chat().platform()
                        && request.admin().isAdmin();
        if (!allowed) return texts.get("progress.read.kept", s.slot().timeText(), index(s) + 1);
        if (index(s) == index && service.readOn(s, s.cursor())) {
            Subscription moved = service.schedule(s.id()).orElse(s);
            return texts.get("progress.read.moved", s.slot().timeText(), index(moved) + 1) + "\n"
                    + nextPost(moved, texts);
        }
        Subscription now = service.schedule(s.id()).orElse(s);
        return texts.get("progress.read.elsewhere", s.slot().timeText(), index(now) + 1);
    }

    private Reply readOn(int index, Optional<Subscription> reading, Optional<String> note, Texts texts) {
        Excerpt excerpt = pool.get(index);
        Reply shown = sections.reply(
                texts.get(
                        "progress.read.title",
                        index + 1,
                        pool.size(),
                        texts.get("progress.document." + excerpt.ref().document()),
                        excerpt.ref().paragraph()),
                excerpt,
                texts);
        int following = (index + 1) % pool.size();
        Action next = new Action(texts.get("action.progress.read.next", following + 1), data(following, reading));
        List<Section> body = new ArrayList<>(shown.sections());
        note.ifPresent(n -> body.add(Section.text(n)));
        List<List<Action>> actions = new ArrayList<>(shown.actions());
        actions.add(List.of(next));
        return new Reply(shown.kind(), shown.title(), body, actions, shown.pictures(), shown.personal());
    }

    /** The button's data: the excerpt to read, and the schedule whose reading it moves on (from that excerpt). */
    private static String data(int index, Optional<Subscription> reading) {
        // an id beyond the argument's range cannot be named: the button then only reads on
        return COMMAND + " " + (index + 1)
                + reading.filter(s -> s.id() <= Integer.MAX_VALUE)
                        .map(s -> " " + s.id())
                        .orElse("");
    }

    private String nextPost(Subscription s, Texts texts) {
        String when = LOCAL.format(service.nextPost(s).atZone(s.slot().zone()));
        return texts.get("progress.schedule.post", when, index(s) + 1);
    }

    private int index(Subscription s) {
        return (int) (s.cursor() % pool.size());
    }

    /** How many distinct paragraphs the pool's excerpts come from. */
    public int paragraphs() {
        return paragraphs;
    }
}
