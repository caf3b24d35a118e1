package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.telegram.fake.TelegramHtml;
import org.junit.jupiter.api.Test;

/** The renderer's HTML is what Telegram accepts, shows what the reply says, and never exceeds the limit. */
class HtmlRendererTest {
    private static TelegramHtml.Parsed parse(String html) throws TelegramHtml.ParseError {
        return TelegramHtml.parse(html);
    }

    @Test
    void escapesEveryMarkupCharacter() throws Exception {
        String nasty = "<script>&amp; \"quoted\" a<b & c>d </b> &#60; &lt;";
        String html = new HtmlRenderer().renderSingle(Reply.notice(nasty));
        assertThat(parse(html).text()).isEqualTo(nasty);
        assertThat(HtmlRenderer.escape("a&b<c>d\"e")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e");
    }

    @Test
    void aLongCitedPassageIsCollapsedInAnExpandableBlockquoteWithItsCitationBelow() throws Exception {
        String longText = "互联网是人类的共同家园。".repeat(60);
        String shortText = "互联网是人类的共同家园。";
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .title("T")
                .section(Section.cited(List.of(Span.plain(longText)), TestCommands.CITATION))
                .section(Section.cited(List.of(Span.plain(shortText)), TestCommands.CITATION))
                .section(Section.of(Span.plain("x".repeat(HtmlRenderer.EXPANDABLE_FROM + 1))))
                .build();
        List<HtmlRenderer.Rendered> out = new HtmlRenderer().render(reply);
        assertThat(out).hasSize(1);
        TelegramHtml.Parsed p = parse(out.get(0).html());
        List<TelegramHtml.Entity> quotes = p.entities().stream()
                .filter(e -> e.tag().equals(TelegramHtml.EXPANDABLE_BLOCKQUOTE))
                .toList();
        assertThat(quotes)
                .as("only the long passage; a short one and uncited text stay as they are")
                .singleElement()
                .satisfies(q -> assertThat(p.text().substring(q.offset(), q.offset() + q.length()))
                        .isEqualTo(longText));
        assertThat(p.styled("i", "—— " + TestCommands.CITATION.line())).isTrue();
        assertThat(out.get(0).visibleLength()).isEqualTo(p.text().length());
    }

    @Test
    void aQuotedPassageCutAcrossMessagesIsQuotedInEach() throws Exception {
        String longText = "互联网是人类的共同家园。".repeat(60);
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .section(Section.cited(List.of(Span.plain(longText)), TestCommands.CITATION))
                .build();
        List<HtmlRenderer.Rendered> out = new HtmlRenderer(300).render(reply);
        assertThat(out).hasSizeGreaterThan(1);
        StringBuilder seen = new StringBuilder();
        for (HtmlRenderer.Rendered part : out) {
            TelegramHtml.Parsed p = parse(part.html());
            assertThat(p.entities()).anyMatch(e -> e.tag().equals(TelegramHtml.EXPANDABLE_BLOCKQUOTE));
            assertThat(p.text().length()).isLessThanOrEqualTo(300);
            seen.append(p.text());
        }
        assertThat(seen.toString()).startsWith(longText.substring(0, 200));
    }

    @Test
    void titleAndSectionsAreSeparatedAndStyled() throws Exception {
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .title("T<1>")
                .section(Section.of(Span.plain("a "), Span.match("m&m"), Span.code("/c")))
                .section(Section.cited(List.of(Span.plain("x")), TestCommands.CITATION))
                .actionRow(List.of(new Action("next", "page:2")))
                .build();
        List<HtmlRenderer.Rendered> out = new HtmlRenderer().render(reply);
        assertThat(out).hasSize(1);
        TelegramHtml.Parsed p = parse(out.get(0).html());
        assertThat(p.text()).isEqualTo("T<1>\n\na m&m/c\n\nx\n—— 习近平《在<第二届>世界互联网大会开幕式上的讲话 & 致辞》，2015-12-16 · 1.11");
        assertThat(out.get(0).visibleLength()).isEqualTo(p.text().length());
        assertThat(p.styled("b", "T<1>")).isTrue();
        assertThat(p.styled("b", "m&m")).isTrue();
        assertThat(p.styled("code", "/c")).isTrue();
        assertThat(out.get(0).keyboard()).hasSize(1);
    }

    @Test
    void packsSectionsAndCutsALongOneAtSentenceEnds() throws Exception {
        HtmlRenderer small = new HtmlRenderer(100);
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 40; i++) longText.append("句子").append(i).append("说了<些>什么。");
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .section(Section.text("short one"))
                .section(Section.of(Span.match(longText.toString())))
                .section(Section.text("tail"))
                .actionRow(List.of(new Action("more", "page:2")))
                .build();
        List<HtmlRenderer.Rendered> out = small.render(reply);
        StringBuilder seen = new StringBuilder();
        for (HtmlRenderer.Rendered r : out) {
            TelegramHtml.Parsed p = parse(r.html());
            assertThat(p.text().length()).isLessThanOrEqualTo(100).isEqualTo(r.visibleLength());
            seen.append(p.text());
        }
        assertThat(seen.toString().replace("\n", "")).isEqualTo("short one" + longText + "tail");
        assertThat(out.subList(0, out.size() - 1)).allMatch(r -> r.keyboard().isEmpty());
        assertThat(out.get(out.size() - 1).keyboard()).isNotEmpty();
        // cut after a sentence end, not in the middle of one
        assertThat(out.stream().skip(1).limit(out.size() - 2))
                .allMatch(r -> r.html().endsWith("。</b>"));
    }

    @Test
    void aTextWithoutBreaksIsCutAtTheLimitWithoutSplittingSurrogatePairs() throws Exception {
        String emoji = "😀".repeat(120);
        List<HtmlRenderer.Rendered> out = new HtmlRenderer(101).render(Reply.notice(emoji));
        StringBuilder seen = new StringBuilder();
        for (HtmlRenderer.Rendered r : out) {
            String text = parse(r.html()).text();
            assertThat(text.length()).isLessThanOrEqualTo(101);
            assertThat(Character.isHighSurrogate(text.charAt(text.length() - 1)))
                    .isFalse();
            seen.append(text);
        }
        assertThat(seen.toString()).isEqualTo(emoji);
    }

    @Test
    void anEmptyReplyStillRendersSomethingTelegramAccepts() throws Exception {
        Reply empty =
                Reply.builder(Reply.Kind.NOTICE).section(Section.text("  ")).build();
        assertThat(parse(new HtmlRenderer().renderSingle(empty)).text()).isNotBlank();
    }

    @Test
    void theFakeRejectsWhatTelegramRejects() {
        assertThatThrownBy(() -> parse("a <foo>b</foo>")).hasMessageContaining("Unsupported start tag \"foo\"");
        assertThatThrownBy(() -> parse("a < b")).hasMessageContaining("start tag at byte offset 2");
        assertThatThrownBy(() -> parse("a < b >")).hasMessageContaining("Unsupported start tag \"\"");
        assertThatThrownBy(() -> parse("fish & chips")).hasMessageContaining("byte offset 5");
        assertThatThrownBy(() -> parse("<b>open")).hasMessageContaining("Can't find end tag");
        assertThatThrownBy(() -> parse("<b><i>x</b></i>")).hasMessageContaining("Unmatched end tag");
        assertThatThrownBy(() -> parse("x</b>")).hasMessageContaining("Unexpected end tag");
        assertThatThrownBy(() -> parse("<b class=\"x\">y</b>")).hasMessageContaining("Unsupported attribute");
    }

    @Test
    void theFakeAcceptsWhatTelegramAccepts() throws Exception {
        TelegramHtml.Parsed p = parse("<b>b</b><strong>s</strong><i>i</i><u>u</u><s>x</s><code>c</code>"
                + "<pre>p</pre><tg-spoiler>t</tg-spoiler><blockquote>q</blockquote><a href=\"https://x.y\">l</a>"
                + " &lt;&gt;&amp;&quot;&#60;&#x3C; a > b");
        assertThat(p.text()).isEqualTo("bsiuxcptql <>&\"<< a > b");
        assertThat(p.entities()).hasSize(10);
    }
}
