package org.excerptbot.core.command.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.search.SubstringSearchIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in commands through the dispatcher, with an injected clock and per-chat zones. */
class BuiltinCommandsTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final DailyRotation ROTATION = new DailyRotation(ExcerptPool.build(CORPUS), 7);
    private static final ChatRef NEW_YORK = new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE);
    private static final ChatRef SHANGHAI = new ChatRef(Platform.TELEGRAM, "2", ChatType.PRIVATE);

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-10T02:00:00Z"));
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            BuiltinCommands.registry(
                    CORPUS,
                    ROTATION,
                    new SubstringSearchIndex(CORPUS),
                    chat -> chat.equals(NEW_YORK) ? ZoneId.of("America/New_York") : ZoneId.of("Asia/Shanghai"),
                    clock,
                    new SplittableRandom(1),
                    List.of()),
            Messages.load(),
            new FloodControl(1000, clock),
            CommandDispatcher.OwnerCheck.NOBODY);

    private Reply run(ChatRef chat, Locale locale, Input input) {
        return dispatcher
                .dispatch(new Request(chat, new UserRef("u", "u"), locale, input, AdminCheck.NEVER))
                .orElseThrow();
    }

    private Reply command(String name, String args) {
        return run(SHANGHAI, Messages.CHINESE, new Input.Command(name, args));
    }

    @Test
    void today_uses_each_chats_own_local_date() {
        // 02:00 UTC on 10 March is 9 March in New York and 10 March in Shanghai
        Reply ny = run(NEW_YORK, Messages.CHINESE, new Input.Command("today", ""));
        Reply sh = run(SHANGHAI, Messages.CHINESE, new Input.Command("today", ""));
        assertThat(ny.title()).get().asString().contains("2027-03-09").contains("America/New_York");
        assertThat(ny.plainText())
                .isEqualTo(ROTATION.excerptFor(LocalDate.of(2027, 3, 9)).text());
        assertThat(sh.title()).get().asString().contains("2027-03-10");
        assertThat(sh.plainText())
                .isEqualTo(ROTATION.excerptFor(LocalDate.of(2027, 3, 10)).text());
        assertThat(sh.sections().get(0).citation()).get().satisfies(c -> assertThat(c.position())
                .hasValue(ROTATION.excerptFor(LocalDate.of(2027, 3, 10)).ref().position()));
    }

    /** This registry has no bookmarks, so no save buttons. */
    @Test
    void read_walks_across_document_boundaries() {
        Reply last = command("read", "1 24");
        assertThat(last.allActions()).extracting(Action::data).containsExactly("read 1 23", "read 2 1", "card 1 24");
        Reply first = command("read", "1 1");
        assertThat(first.allActions()).extracting(Action::data).containsExactly("read 1 2", "card 1 1");
        Reply end = command("read", "4.6");
        assertThat(end.allActions()).extracting(Action::data).containsExactly("read 4 5", "card 4 6");
    }

    @Test
    void a_long_query_pages_through_a_short_key() {
        String query = "互联网 互联网 互联网 互联网 互联网 互联网"; // over 64 bytes as button data
        Reply page1 = command("search", query);
        Action next = page1.allActions().stream()
                .filter(a -> a.label().contains("第 2 页"))
                .findFirst()
                .orElseThrow();
        assertThat(next.data()).startsWith("search:2 #");
        Reply page2 = run(SHANGHAI, Messages.CHINESE, new Input.Action(next.data()));
        assertThat(page2.title()).get().asString().contains("第 2/");
        assertThat(run(SHANGHAI, Messages.CHINESE, new Input.Action("search:2 #unknown"))
                        .plainText())
                .contains("已过期");
    }

    @Test
    void every_button_fits_the_platforms_limits() {
        for (String[] c : new String[][] {
            {"today", ""},
            {"principle", ""},
            {"principle", "3"},
            {"proposal", ""},
            {"read", "2 3"},
            {"docs", ""},
            {"search", "互联网"},
            {"card", ""},
            {"card", "1.11"},
            {"search", "网络空间 命运共同体 互联网 发展 治理"}
        }) {
            for (Action a : command(c[0], c[1]).allActions()) {
                assertThat(a.data().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(64);
            }
        }
    }

    @Test
    void english_citations_use_the_english_title() {
        Reply r = run(SHANGHAI, Messages.ENGLISH, new Input.Command("read", "3 2"));
        assertThat(r.sections().get(0).citation()).get().satisfies(c -> {
            assertThat(c.author()).isEqualTo("People's Daily commentator");
            assertThat(c.position()).hasValue("3.2");
        });
    }

    @Test
    void chinese_numerals_and_full_width_digits_are_numbers() {
        assertThat(command("principle", "二").title()).get().asString().contains("维护和平安全");
        assertThat(command("proposal", "５").title()).get().asString().contains("促进公平正义");
        assertThat(command("read", "１ ２").title()).get().asString().startsWith("1.2");
    }

    @ParameterizedTest(name = "/{0} {1}")
    @CsvSource(
            delimiter = '¦',
            quoteCharacter = '`',
            textBlock =
                    """
            principle ¦ 9     ¦ 没有第 9 项原则。四项原则的编号是 1-4，发送 /principle 查看列表。 ¦ There is no principle 9. The principles are numbered 1-4; send /principle for the list.
            principle ¦ 十    ¦ 没有第 10 项原则。四项原则的编号是 1-4，发送 /principle 查看列表。 ¦ There is no principle 10. The principles are numbered 1-4; send /principle for the list.
            principle ¦ abc   ¦ “abc”不是编号。/principle 接受 1-4 的编号，例如 /principle 2。 ¦ "abc" is not a number. /principle takes 1-4, for example /principle 2.
            principle ¦ 2 3   ¦ /principle 只接受一个编号（1-4），例如 /principle 2。 ¦ /principle takes a single number (1-4), for example /principle 2.
            proposal  ¦ 6     ¦ 没有第 6 点主张。五点主张的编号是 1-5，发送 /proposal 查看列表。 ¦ There is no proposal 6. The proposals are numbered 1-5; send /proposal for the list.
            read      ¦       ¦ 请指明文献编号（1-4）和段落，例如 /read 1 11 或 /read 1.11。发送 /docs 查看文献列表。 ¦ Name a document (1-4) and a paragraph, for example /read 1 11 or /read 1.11. Send /docs for the list.
            read      ¦ 1 2 3 ¦ /read 最多接受两个编号：文献和段落，例如 /read 1 11。 ¦ /read takes at most two numbers, document and paragraph, for example /read 1 11.
            read      ¦ x     ¦ “x”不是文献编号。文献编号是 1-4，例如 /read 1 11。 ¦ "x" is not a document number. Documents are 1-4, for example /read 1 11.
            read      ¦ 1 y   ¦ “y”不是段落编号，例如 /read 1 11。 ¦ "y" is not a paragraph number, for example /read 1 11.
            read      ¦ 7     ¦ 没有第 7 篇文献。文献编号是 1-4，发送 /docs 查看。 ¦ There is no document 7. Documents are numbered 1-4; send /docs to see them.
            read      ¦ 1 999 ¦ 第 1 篇共有 24 段，没有第 999 段。 ¦ Document 1 has 24 paragraphs; there is no paragraph 999.
            read      ¦ 2.0   ¦ 第 2 篇共有 6 段，没有第 0 段。 ¦ Document 2 has 6 paragraphs; there is no paragraph 0.
            read      ¦ 2 7   ¦ 第 2 篇共有 6 段，没有第 7 段。 ¦ Document 2 has 6 paragraphs; there is no paragraph 7.
            search    ¦       ¦ 请输入要搜索的内容，例如 /search 互联互通。多个词用空格分开；in:1 只搜第 1 篇。 ¦ Type what to search for, for example /search 互联互通. Separate terms with spaces; in:1 searches document 1 only.
            search    ¦ in:1  ¦ 请输入要搜索的内容，例如 /search 互联互通。多个词用空格分开；in:1 只搜第 1 篇。 ¦ Type what to search for, for example /search 互联互通. Separate terms with spaces; in:1 searches document 1 only.
            today     ¦ x     ¦ /today 不需要参数，直接发送 /today 即可。 ¦ /today takes no arguments; just send /today.
            docs      ¦ 1     ¦ /docs 不需要参数，直接发送 /docs 即可。 ¦ /docs takes no arguments; just send /docs.
            """)
    void bad_arguments_get_the_commands_own_wording_in_chinese_and_english(
            String name, String args, String chinese, String english) {
        String typed = args == null ? "" : args;
        for (Object[] expected : new Object[][] {{Messages.CHINESE, chinese}, {Messages.ENGLISH, english}}) {
            Reply reply = run(SHANGHAI, (Locale) expected[0], new Input.Command(name, typed));
            assertThat(reply.kind()).isEqualTo(Reply.Kind.ERROR);
            assertThat(reply.plainText()).isEqualTo(expected[1]);
        }
    }

    @Test
    void a_search_longer_than_its_limit_is_refused() {
        assertThat(command("search", "网".repeat(SearchCommand.MAX_QUERY + 1)).plainText())
                .isEqualTo("搜索内容太长了（最多 100 个字）。");
        assertThat(command("search", "网".repeat(SearchCommand.MAX_QUERY)).kind())
                .isNotEqualTo(Reply.Kind.ERROR);
    }

    @Test
    void start_and_help_ignore_what_follows_them() {
        assertThat(command("start", "deep-link-payload").title())
                .isEqualTo(command("start", "").title());
        assertThat(command("help", "read").plainText())
                .isEqualTo(command("help", "").plainText());
        assertThat(command("help", "").plainText()).contains("/read").contains("/about");
    }
}
