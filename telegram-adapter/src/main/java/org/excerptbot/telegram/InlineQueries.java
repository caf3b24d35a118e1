package org.excerptbot.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.excerptbot.core.i18n.Messages;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;

/**
 * Inline mode: answers {@code @bot query} with matching excerpts, at most {@link #PAGE} per answer, paged by
 * {@code next_offset}; each result posts the excerpt with its citation. An empty query offers today's excerpt.
 */
final class InlineQueries {
    /** Telegram's limit of results per answer. */
    static final int PAGE = 50;

    private static final int MAX_QUERY = 256;
    private static final int TITLE_CHARS = 64;
    private static final int DESCRIPTION_CHARS = 120;
    private final InlineSource source;
    private final HtmlRenderer renderer;

    InlineQueries(InlineSource source, HtmlRenderer renderer) {
        this.source = source;
        this.renderer = renderer;
    }

    /** The answer to an inline query. */
    AnswerInlineQuery answer(InlineQuery query) {
        String text = query.getQuery() == null ? "" : query.getQuery().strip();
        if (text.length() > MAX_QUERY) text = text.substring(0, MAX_QUERY);
        int offset = parseOffset(query.getOffset());
        Locale locale = Messages.localeOf(
                query.getFrom() == null ? null : query.getFrom().getLanguageCode());
        InlineSource.Page page = source.find(text, locale, offset, PAGE);
        List<InlineQueryResult> results = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (InlineSource.Item item : page.items()) {
            if (results.size() == PAGE) break;
            String id = fitBytes(item.id(), 64);
            if (id.isEmpty() || !ids.add(id)) continue;
            results.add(InlineQueryResultArticle.builder()
                    .id(id)
                    .title(shorten(item.title(), TITLE_CHARS))
                    .description(shorten(item.description(), DESCRIPTION_CHARS))
                    .inputMessageContent(InputTextMessageContent.builder()
                            .messageText(renderer.renderSingle(item.reply()))
                            .parseMode("HTML")
                            .build())
                    .build());
        }
        int next = offset + page.items().size();
        return AnswerInlineQuery.builder()
                .inlineQueryId(query.getId())
                .results(results)
                .nextOffset(!page.items().isEmpty() && next < page.total() ? String.valueOf(next) : "")
                .cacheTime(text.isEmpty() ? 60 : 300)
                .isPersonal(false)
                .build();
    }

    private static int parseOffset(String offset) {
        if (offset == null || !offset.matches("\\d{1,6}")) return 0;
        return Integer.parseInt(offset);
    }

    private static String shorten(String s, int max) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static String fitBytes(String s, int maxBytes) {
        String out = s;
        while (out.getBytes(StandardCharsets.UTF_8).length > maxBytes) out = out.substring(0, out.length() - 1);
        return out;
    }
}
