package org.excerptbot.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.Script;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultPhoto;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedPhoto;

/**
 * Inline mode: answers {@code @bot query} with matching excerpts, at most {@link #PAGE} results per answer, paged
 * by {@code next_offset}; each result posts the excerpt with its citation. An empty query offers today's excerpt.
 *
 * <p>A passage's quote card is offered beside its text: by the public URL of the bot's HTTP server when there is
 * one (Telegram fetches it; nothing is rendered here), otherwise by the file_id of an earlier upload of that card
 * when {@link PhotoIds} holds one. Only the first card of a passage split into several is offered. When cards may
 * be offered a page holds half as many passages, so that text and card together stay within the limit.
 *
 * <p>The text results are in the script of the user who asks, as their private chat with the bot reads
 * ({@link ChatScripts}: their choice there, else their language's default), converted ones marked in the citation
 * like every other reply; the answer is personal, so that Telegram does not show one user's results to another.
 */
final class InlineQueries {
    /** Telegram's limit of results per answer. */
    static final int PAGE = 50;

    private static final int MAX_QUERY = 256;
    private static final int TITLE_CHARS = 64;
    private static final int DESCRIPTION_CHARS = 120;
    private static final String CARD_ID_PREFIX = "card-";
    private final InlineSource source;
    private final HtmlRenderer renderer;
    private final PhotoIds photoIds;
    private final ChatScripts scripts;
    private final Messages messages;

    InlineQueries(
            InlineSource source, HtmlRenderer renderer, PhotoIds photoIds, ChatScripts scripts, Messages messages) {
        this.source = Objects.requireNonNull(source, "source");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.photoIds = Objects.requireNonNull(photoIds, "photoIds");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** The answer to an inline query. */
    AnswerInlineQuery answer(InlineQuery query) {
        String text = query.getQuery() == null ? "" : query.getQuery().strip();
        if (text.length() > MAX_QUERY) text = text.substring(0, MAX_QUERY);
        int offset = parseOffset(query.getOffset());
        Locale locale = Messages.localeOf(
                query.getFrom() == null ? null : query.getFrom().getLanguageCode());
        int passages = source.offersCardUrls() || photoIds.hasFirstCards() ? PAGE / 2 : PAGE;
        InlineSource.Page page = query.getFrom() == null
                ? source.find(text, locale, offset, passages)
                : source.find(text, reader(query.getFrom().getId()), locale, offset, passages);
        Script script = scriptOf(query.getFrom(), locale);
        Texts texts = messages.texts(locale);
        List<InlineQueryResult> results = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (InlineSource.Item item : page.items()) {
            if (results.size() == PAGE) break;
            String id = fitBytes(item.id(), 64);
            if (id.isEmpty() || !ids.add(id)) continue;
            results.add(InlineQueryResultArticle.builder()
                    .id(id)
                    .title(shorten(scripts.convert(script, item.title()), TITLE_CHARS))
                    .description(shorten(scripts.convert(script, item.description()), DESCRIPTION_CHARS))
                    .inputMessageContent(InputTextMessageContent.builder()
                            .messageText(renderer.renderSingle(scripts.convert(script, texts, item.reply())))
                            .parseMode("HTML")
                            .build())
                    .build());
            if (results.size() < PAGE) card(id, item).ifPresent(results::add);
        }
        int next = offset + page.items().size();
        return AnswerInlineQuery.builder()
                .inlineQueryId(query.getId())
                .results(results)
                .nextOffset(!page.items().isEmpty() && next < page.total() ? String.valueOf(next) : "")
                .cacheTime(text.isEmpty() ? 60 : 300)
                .isPersonal(true)
                .build();
    }

    /** The script of the asker's private chat with the bot: the chat whose id is the user's on Telegram. */
    private Script scriptOf(User from, Locale locale) {
        if (from == null || from.getId() == null) return ChatScripts.defaultFor(locale);
        return scripts.scriptOf(reader(from.getId()), locale);
    }

    /** The passage's card as a result, by URL or by an earlier upload; empty when neither is available. */
    private Optional<InlineQueryResult> card(String id, InlineSource.Item item) {
        if (item.card().isEmpty()) return Optional.empty();
        InlineSource.Card card = item.card().get();
        String cardId = fitBytes(CARD_ID_PREFIX + id, 64);
        String title = shorten(item.title(), TITLE_CHARS);
        String description = shorten(item.description(), DESCRIPTION_CHARS);
        String caption = shorten(card.content().citation().line(), Picture.MAX_CAPTION);
        if (card.urls().isPresent()) {
            InlineSource.Urls urls = card.urls().get();
            return Optional.of(InlineQueryResultPhoto.builder()
                    .id(cardId)
                    .photoUrl(urls.photo().toString())
                    .thumbnailUrl(urls.thumbnail().toString())
                    .title(title)
                    .description(description)
                    .caption(caption)
                    .build());
        }
        return photoIds.findFirstCard(card.content()).map(fileId -> InlineQueryResultCachedPhoto.builder()
                .id(cardId)
                .photoFileId(fileId)
                .title(title)
                .description(description)
                .caption(caption)
                .build());
    }

    /** The user's private chat with the bot, whose id is the user's. */
    private static ChatRef reader(long userId) {
        return new ChatRef(Platform.TELEGRAM, String.valueOf(userId), ChatType.PRIVATE);
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
