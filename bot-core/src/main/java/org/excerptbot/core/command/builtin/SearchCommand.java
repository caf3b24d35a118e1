package org.excerptbot.core.command.builtin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandHandler;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.CardActions;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.search.SearchHit;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.core.search.SearchQuery;
import org.excerptbot.core.search.SearchResult;

/**
 * /search query: the body paragraphs that contain the query, five to a page, with the matches marked, the total,
 * and buttons to open a result or turn the page. A query too long for a button's data is kept here under a short
 * key.
 */
public final class SearchCommand implements CommandHandler {
    /** Results per page. */
    public static final int PAGE_SIZE = 5;
    /** The longest query accepted, in characters. */
    public static final int MAX_QUERY = 100;

    private static final int MAX_KEYS = 10_000;
    private final Corpus corpus;
    private final SearchIndex index;
    private final Map<String, String> queriesByKey = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public SearchCommand(Corpus corpus, SearchIndex index) {
        this.corpus = corpus;
        this.index = index;
    }

    public CommandSpec spec() {
        return CommandSpec.everyone("search", List.of(ArgSpec.text("query", 1, MAX_QUERY)), this);
    }

    @Override
    public Reply handle(CommandContext context) {
        Texts texts = context.texts();
        String typed = context.text("query");
        if (context.request().input() instanceof Input.Action && typed.startsWith("#")) {
            // a key made by keyFor from a query that was checked when it was typed
            Optional<String> stored = lookup(typed.substring(1));
            if (stored.isEmpty()) return Reply.error(texts.get("error.search.expired"));
            typed = stored.get();
        }
        // the filter and the search terms are the query's own syntax, which only the search knows
        Optional<String> badFilter = SearchQuery.badFilter(typed);
        SearchQuery query = SearchQuery.parse(typed);
        int documents = corpus.documents().size();
        if (badFilter.isPresent()
                || query.document().map(d -> d < 1 || d > documents).orElse(false)) {
            return Reply.error(texts.get(
                    "error.search.filter",
                    badFilter.orElse(query.document().map(String::valueOf).orElse("")),
                    documents));
        }
        if (query.text().isBlank()) return Reply.error(texts.get("command.search.error.query.missing"));
        int page = context.page();
        SearchResult result = index.search(query, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        if (result.total() == 0) {
            String message = texts.get("search.none", query.text());
            if (!result.suggestions().isEmpty()) {
                message += "\n" + texts.get("search.suggestions", String.join("、", result.suggestions()));
            }
            return Reply.builder(Reply.Kind.NOTICE)
                    .section(Section.text(message))
                    .build();
        }
        int pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        if (result.hits().isEmpty()) return Reply.error(texts.get("error.search.no.page", page, pages));
        Reply.Builder reply = Reply.builder(Reply.Kind.CONTENT)
                .title(texts.get("search.title", query.text(), result.total(), page, pages)
                        + query.document()
                                .map(d -> texts.get("search.in.document", d))
                                .orElse(""));
        List<Action> open = new ArrayList<>();
        List<Action> cards = new ArrayList<>();
        for (SearchHit hit : result.hits()) {
            cards.add(CardActions.numbered(hit.ref(), texts));
            reply.section(Section.cited(hit.snippet(), Citations.of(corpus, hit.ref(), texts)));
            open.add(new Action(
                    texts.get("action.open", hit.ref().position()),
                    "read " + hit.ref().document() + " " + hit.ref().paragraph()));
        }
        reply.actionRow(open);
        reply.actionRow(cards);
        List<Action> paging = new ArrayList<>();
        String key = keyFor(typed);
        if (page > 1)
            paging.add(new Action(texts.get("action.page.previous", page - 1), "search:" + (page - 1) + " " + key));
        if (page < pages)
            paging.add(new Action(texts.get("action.page.next", page + 1), "search:" + (page + 1) + " " + key));
        return reply.actionRow(paging).build();
    }

    /** The query itself when it fits in a button's data, else a short key under which it is kept. */
    private String keyFor(String typed) {
        if (("search:9999 " + typed).getBytes(StandardCharsets.UTF_8).length <= Action.MAX_DATA_BYTES
                && !typed.startsWith("#")) {
            return typed;
        }
        String key = hash(typed);
        synchronized (queriesByKey) {
            queriesByKey.put(key, typed);
        }
        return "#" + key;
    }

    private Optional<String> lookup(String key) {
        synchronized (queriesByKey) {
            return Optional.ofNullable(queriesByKey.get(key));
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
            return Long.toUnsignedString(v, 36);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
