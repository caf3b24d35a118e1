package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.InlineAnswer;
import org.excerptbot.telegram.fake.FakeBotApi.InlineResult;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inline mode end to end: pages of at most 50, next_offset paging, citations, today's excerpt on empty. */
class TelegramInlineTest {
    /** 120 numbered matches for any query; the empty query is "today". */
    private static final InlineSource SOURCE = (query, locale, offset, limit) -> {
        if (query.isEmpty()) {
            return new InlineSource.Page(List.of(item("today", "今日 <today>", locale)), 1);
        }
        List<InlineSource.Item> items = new ArrayList<>();
        for (int i = offset; i < Math.min(120, offset + limit); i++) items.add(item("1." + (i + 1), query, locale));
        return new InlineSource.Page(items, 120);
    };

    private static InlineSource.Item item(String id, String query, Locale locale) {
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .section(Section.cited(
                        List.of(Span.plain("段落 " + id + " <&> "), Span.match(query)), TestCommands.CITATION))
                .build();
        return new InlineSource.Item(id, "段落 " + id + " (" + locale.getLanguage() + ")", "预览 <" + query + ">", reply);
    }

    private TestBot t;
    private FakeBotApi api;
    private User ann;

    @BeforeEach
    void start() {
        t = new TestBot(TestCommands.registry(), SOURCE, Clock.systemUTC());
        api = t.api;
        ann = api.user(1001, "Ann", "en");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private InlineAnswer answer(String queryId) {
        await().until(() -> api.inlineAnswer(queryId).isPresent());
        return api.inlineAnswer(queryId).get();
    }

    @Test
    void answersWithPagesOfFiftyAndANextOffset() {
        InlineAnswer first = answer(api.inlineQuery(ann, "互联互通", ""));
        assertThat(first.results()).hasSize(50);
        assertThat(first.nextOffset()).isEqualTo("50");
        InlineResult r = first.results().get(0);
        assertThat(r.id()).isEqualTo("1.1");
        assertThat(r.title()).isEqualTo("段落 1.1 (en)");
        assertThat(r.description()).isEqualTo("预览 <互联互通>");
        assertThat(r.text()).isEqualTo("段落 1.1 <&> 互联互通\n—— 习近平《在<第二届>世界互联网大会开幕式上的讲话 & 致辞》，2015-12-16 · 1.11");

        InlineAnswer second = answer(api.inlineQuery(ann, "互联互通", "50"));
        assertThat(second.results().get(0).id()).isEqualTo("1.51");
        assertThat(second.nextOffset()).isEqualTo("100");
        InlineAnswer last = answer(api.inlineQuery(ann, "互联互通", "100"));
        assertThat(last.results()).hasSize(20);
        assertThat(last.nextOffset()).isEmpty();
    }

    @Test
    void anEmptyQueryOffersTodaysExcerpt() {
        InlineAnswer today = answer(api.inlineQuery(ann, "  ", ""));
        assertThat(today.results()).extracting(InlineResult::id).containsExactly("today");
        assertThat(today.results().get(0).text()).contains("今日 <today>", "—— 习近平");
        assertThat(today.nextOffset()).isEmpty();
    }

    @Test
    void aForgedOffsetIsTreatedAsTheFirstPage() {
        InlineAnswer answer = answer(api.inlineQuery(ann, "x", "-5;drop"));
        assertThat(answer.results().get(0).id()).isEqualTo("1.1");
    }
}
