package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.junit.jupiter.api.Test;

/** Replies as embeds and buttons, and Discord's limits on them. */
class EmbedRendererTest {
    private final EmbedRenderer renderer = new EmbedRenderer();

    private static Citation citation(String position) {
        return new Citation("一论共同构建网络空间命运共同体", "人民日报评论员", LocalDate.of(2015, 12, 17), Optional.of(position));
    }

    @Test
    void matchesAreBoldAndMarkdownInTheTextIsEscaped() {
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .section(Section.of(
                        Span.plain("推进*全球*互联网治理 "), Span.match("互联互通"), Span.plain(" 用 "), Span.code("/read 1 2")))
                .build();
        assertThat(renderer.embed(reply).getDescription()).isEqualTo("推进\\*全球\\*互联网治理 **互联互通** 用 `/read 1 2`");
    }

    @Test
    void oneExcerptHasItsCitationInTheFooterAndSeveralGetAFieldEach() {
        Reply one = Reply.builder(Reply.Kind.CONTENT)
                .title("今日摘录")
                .section(Section.cited(List.of(Span.plain("甲")), citation("2.3")))
                .build();
        MessageEmbed embed = renderer.embed(one);
        assertThat(embed.getFooter().getText()).isEqualTo(citation("2.3").line());
        assertThat(embed.getFields()).isEmpty();
        assertThat(embed.getColorRaw()).isEqualTo(EmbedRenderer.CONTENT_COLOR);

        Reply hits = Reply.builder(Reply.Kind.CONTENT)
                .title("搜索")
                .section(Section.text("共 2 条"))
                .section(Section.cited(List.of(Span.match("甲")), citation("2.3")))
                .section(Section.cited(List.of(Span.plain("乙")), citation("2.4")))
                .build();
        MessageEmbed many = renderer.embed(hits);
        assertThat(many.getDescription()).isEqualTo("共 2 条");
        assertThat(many.getFooter()).isNull();
        assertThat(many.getFields())
                .extracting(MessageEmbed.Field::getName)
                .containsExactly(citation("2.3").line(), citation("2.4").line());
        assertThat(many.getFields()).extracting(MessageEmbed.Field::getValue).containsExactly("**甲**", "乙");
    }

    @Test
    void everythingStaysWithinTheLimitsEvenWhenEveryPartIsHuge() {
        String big = "网络主权".repeat(1000);
        Reply.Builder b = Reply.builder(Reply.Kind.CONTENT).title(big).section(Section.text(big));
        for (int i = 1; i <= 30; i++) b.section(Section.cited(List.of(Span.match(big)), citation("1." + i)));
        MessageEmbed embed = renderer.embed(b.build());
        assertThat(embed.getTitle()).hasSize(256);
        assertThat(embed.getFields()).hasSize(25);
        assertThat(embed.getFields()).allSatisfy(f -> {
            assertThat(f.getValue().length()).isBetween(1, 1024);
            assertThat(f.getName().length()).isBetween(1, 256);
        });
        assertThat(embed.getLength()).isLessThanOrEqualTo(6000);
        assertThat(embed.isSendable()).isTrue();
    }

    @Test
    void aCutNeverBreaksBoldOrAnEscape() {
        String cut = EmbedRenderer.markdown(List.of(Span.plain("*".repeat(10)), Span.match("很长的匹配".repeat(10))), 40);
        assertThat(cut).hasSizeLessThanOrEqualTo(40).endsWith("…");
        assertThat(cut).startsWith("\\*\\*\\*\\*\\*\\*\\*\\*\\*\\***很");
        assertThat(cut).contains("**…");
        assertThat(EmbedRenderer.cut("a😀b", 3)).isEqualTo("a…");
        assertThat(EmbedRenderer.escape("# 标题\n- 列表 a-b [链接](x) \\ ||剧透|| > 引"))
                .isEqualTo("\\# 标题\n\\- 列表 a-b \\[链接\\](x) \\\\ \\|\\|剧透\\|\\| \\> 引");
    }

    @Test
    void errorsAreRedAndPrivate() {
        Reply error = Reply.error("没有这一段。");
        assertThat(renderer.ephemeral(error)).isTrue();
        assertThat(renderer.embed(error).getColorRaw()).isEqualTo(EmbedRenderer.ERROR_COLOR);
        assertThat(renderer.ephemeral(Reply.notice("好"))).isFalse();
    }

    @Test
    void actionsBecomeButtonsInRowsOfFiveWithTheirDataAsId() {
        List<Action> row = new ArrayList<>();
        for (int i = 1; i <= 7; i++) row.add(new Action("第 " + i + " 页", "search:" + i + " 互联互通"));
        row.add(new Action("重复", "search:1 互联互通"));
        Reply reply = Reply.builder(Reply.Kind.CONTENT)
                .section(Section.text("x"))
                .actionRow(row)
                .actionRow(List.of(new Action("长".repeat(100), "read 1 2")))
                .build();
        List<ActionRow> rows = renderer.buttons(reply);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getButtons()).hasSize(5);
        assertThat(rows.get(1).getButtons())
                .extracting(Button::getCustomId)
                .containsExactly("search:6 互联互通", "search:7 互联互通");
        assertThat(rows.get(2).getButtons().get(0).getLabel()).hasSize(80).endsWith("…");
    }
}
