package org.excerptbot.core.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
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
 * (the excerpt that comes next out of the pool's excerpts, the paragraph it is in, and the share already read),
 * with a button per schedule that reads on at once. {@code /progress N} (the button) shows the pool's excerpt N and
 * a button for the one after it. Reading on this way leaves the schedule's cursor where it is: the daily post
 * still sends the excerpt it would have sent.
 */
public final class ProgressCommands {
    public static final String COMMAND = "progress";

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
                List.of(ArgSpec.integer("excerpt", 1, pool.size()).asOptional()),
                Privacy.PUBLIC,
                Locality.ALL,
                this::progress));
    }

    Reply progress(CommandContext context) {
        Texts texts = context.texts();
        Optional<Integer> asked = context.optionalInteger("excerpt");
        if (asked.isPresent()) return readOn(asked.get() - 1, texts);
        List<Subscription> readings = service.active(context.request().chat()).stream()
                .filter(s -> s.mode() == Mode.SEQUENTIAL)
                .toList();
        if (readings.isEmpty()) return Reply.notice(texts.get("progress.none"));
        Reply.Builder reply = Reply.builder(Reply.Kind.NOTICE).title(texts.get("progress.title"));
        List<Action> next = new ArrayList<>();
        for (Subscription s : readings) {
            int index = (int) (s.cursor() % pool.size());
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
                    index * 100 / pool.size())));
            next.add(new Action(
                    texts.get("action.progress.next", s.slot().timeText(), index + 1), COMMAND + " " + (index + 1)));
        }
        reply.section(Section.text(texts.get("progress.next.hint")));
        return reply.actionRow(next).build();
    }

    private Reply readOn(int index, Texts texts) {
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
        Action next =
                new Action(texts.get("action.progress.read.next", following + 1), COMMAND + " " + (following + 1));
        List<List<Action>> actions = new ArrayList<>(shown.actions());
        actions.add(List.of(next));
        return shown.withActions(actions);
    }

    /** How many distinct paragraphs the pool's excerpts come from. */
    public int paragraphs() {
        return paragraphs;
    }
}
