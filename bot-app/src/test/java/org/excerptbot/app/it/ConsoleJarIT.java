package org.excerptbot.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command and every bad input, end to end through the console mode of the packaged jar. */
class ConsoleJarIT {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final ExcerptPool POOL = ExcerptPool.build(CORPUS);
    private static final String ZONE = "Pacific/Kiritimati";

    @TempDir
    static Path work;

    private static final Map<String, String> SCRIPT = new LinkedHashMap<>();
    private static Transcript transcript;
    private static JarRunner.Result result;

    private static String text(String position) {
        return CORPUS.paragraph(ParagraphRef.parse(position).orElseThrow())
                .orElseThrow()
                .text();
    }

    @BeforeAll
    static void runScript() {
        List<String> lines = List.of(
                "/start", // 0
                "/help", // 1
                "/today", // 2
                "/random", // 3
                "/principle", // 4
                "/principle 2", // 5
                "/proposal", // 6
                "/proposal 5", // 7
                "/read 1 11", // 8
                "2", // 9: presses "1.12 ▶"
                "/read 2", // 10
                "/read 1.14", // 11
                "/docs", // 12
                "/search 互联互通", // 13
                "11", // 14: presses "第 2 页 ▶" (after five read and five card buttons)
                "/search 互联 互通", // 15
                "/search in:1 网络主权", // 16
                "/about", // 17
                "/principle 9", // 18
                "/principle abc", // 19
                "/principle 2 3", // 20
                "/read 7", // 21
                "/read 1 999", // 22
                "/search", // 23
                "/search " + "网".repeat(5000), // 24
                "/search " + "网".repeat(150), // 25
                "/search 互联\u0007互通", // 26
                "/foo", // 27
                "hello", // 28
                "/read", // 29
                "/proposal ５", // 30: full-width digit
                "/search 火星殖民", // 31
                "/search in:9 网络", // 32
                "/read 1\u000b11", // 33
                "/today@ExcerptBot"); // 34
        result = JarRunner.run(
                List.of("console", "--echo"),
                Map.of("EXCERPT_BOT_TIMEZONE", ZONE),
                String.join("\n", lines) + "\n",
                work);
        transcript = Transcript.parse(result.stdout());
        assertThat(transcript.size()).as(result.stdout() + result.stderr()).isEqualTo(lines.size());
    }

    @Test
    void exits_zero_at_the_end_of_input_without_a_stack_trace() {
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void start_and_help_list_every_command_with_an_example() {
        assertThat(transcript.reply(0)).contains("您好").contains("/today");
        assertThat(transcript.reply(1))
                .contains(
                        "/start",
                        "/help",
                        "/today",
                        "/random",
                        "/principle",
                        "/proposal",
                        "/read",
                        "/search",
                        "/docs",
                        "/about")
                .contains("例：/principle 2")
                .contains("例：/read 1 11")
                .contains("例：/search 互联互通");
    }

    @Test
    void today_is_the_rotation_excerpt_for_the_local_date_with_its_citation() {
        LocalDate date = LocalDate.now(ZoneId.of(ZONE));
        Excerpt expected = new DailyRotation(POOL, DailyRotation.DEFAULT_SEED).excerptFor(date);
        assertThat(transcript.reply(2))
                .contains("今日摘录 · " + date + "（" + ZONE + "）")
                .contains(expected.text())
                .contains("—— ")
                .contains("《")
                .contains(" · " + expected.ref().position());
        assertThat(transcript.reply(33)).isEqualTo(transcript.reply(8)); // control character read as a space
        assertThat(transcript.reply(34)).contains("今日摘录"); // bot suffix ignored
    }

    @Test
    void random_is_an_excerpt_of_the_pool() {
        String reply = transcript.reply(3);
        assertThat(POOL.all()).anyMatch(e -> reply.contains(e.text()));
        assertThat(reply).contains("—— ");
    }

    @Test
    void principles_and_proposals_list_and_show() {
        assertThat(transcript.reply(4)).contains("1. 尊重网络主权", "2. 维护和平安全", "3. 促进开放合作", "4. 构建良好秩序");
        assertThat(transcript.reply(5))
                .contains("原则2：维护和平安全")
                .contains(text("1.11"))
                .contains("· 1.11");
        assertThat(transcript.reply(6)).contains("1. 加快全球网络基础设施建设，促进互联互通", "5. 构建互联网治理体系，促进公平正义");
        assertThat(transcript.reply(7)).contains(text("1.20"));
        assertThat(transcript.reply(30)).contains(text("1.20"));
    }

    @Test
    void read_shows_the_paragraph_its_position_and_the_way_on() {
        assertThat(transcript.reply(8))
                .contains("1.11")
                .contains(text("1.11"))
                .contains("◀ 1.10")
                .contains("1.12 ▶");
        assertThat(transcript.reply(9)).contains(text("1.12")).contains("第 12/24 段");
        assertThat(transcript.reply(10)).contains(text("2.1")).contains("第 1/6 段");
        assertThat(transcript.reply(11)).contains("各位嘉宾、各位朋友！").doesNotContain("\n位嘉宾");
    }

    @Test
    void docs_lists_the_four_documents() {
        assertThat(transcript.reply(12))
                .contains("《在第二届世界互联网大会开幕式上的讲话》", "《让互联网发展成果惠及全体人民》", "《建立新的全球互联网治理体系》", "《互联网是人类的共同家园》")
                .contains("共 24 段")
                .contains("2015-12-19");
    }

    @Test
    void search_marks_matches_counts_and_pages() {
        long total = CORPUS.paragraphs().filter(p -> p.text().contains("互联互通")).count();
        int pages = (int) ((total + 4) / 5);
        assertThat(transcript.reply(13))
                .contains("共 " + total + " 段 · 第 1/" + pages + " 页")
                .contains("【互联互通】");
        assertThat(count(transcript.reply(13), "—— ")).isEqualTo(5);
        assertThat(transcript.reply(14)).contains("第 2/" + pages + " 页");
        long both = CORPUS.paragraphs()
                .filter(p -> p.text().contains("互联") && p.text().contains("互通"))
                .count();
        assertThat(transcript.reply(15)).contains("共 " + both + " 段");
        assertThat(transcript.reply(26)).contains("共 " + both + " 段");
        long inSpeech = CORPUS.document(1).orElseThrow().body().stream()
                .filter(p -> p.text().contains("网络主权"))
                .count();
        assertThat(transcript.reply(16))
                .contains("共 " + inSpeech + " 段")
                .contains("第 1 篇")
                .doesNotContain("· 2.")
                .doesNotContain("· 3.");
        assertThat(transcript.reply(31)).contains("没有找到包含“火星殖民”的段落");
    }

    @Test
    void about_shows_sources_errata_and_version() {
        assertThat(transcript.reply(17))
                .contains("来源")
                .contains("人民日报")
                .contains("1.14")
                .contains("位嘉宾、各位朋友！")
                .contains("版本");
    }

    @Test
    void bad_input_gets_a_short_specific_reply() {
        List<String> replies = new ArrayList<>();
        for (int i : new int[] {18, 19, 20, 21, 22, 23, 24, 25, 27, 28, 29, 32}) replies.add(transcript.reply(i));
        assertThat(replies.get(0)).startsWith("⚠").contains("没有第 9 项原则").contains("1-4");
        assertThat(replies.get(1)).contains("“abc”不是编号");
        assertThat(replies.get(2)).contains("只接受一个编号");
        assertThat(replies.get(3)).contains("没有第 7 篇文献").contains("1-4");
        assertThat(replies.get(4)).contains("第 1 篇共有 24 段，没有第 999 段");
        assertThat(replies.get(5)).contains("请输入要搜索的内容");
        assertThat(replies.get(6)).contains("太长");
        assertThat(replies.get(7)).contains("搜索内容太长了");
        assertThat(replies.get(8)).contains("没有 /foo 这个命令");
        assertThat(replies.get(9)).contains("以 / 开头");
        assertThat(replies.get(10)).contains("请指明文献编号");
        assertThat(replies.get(11)).contains("in:9").contains("in:1 到 in:4");
        assertThat(replies).allSatisfy(r -> assertThat(r.length()).isLessThan(200));
    }

    @Test
    void english_users_get_english() {
        JarRunner.Result en = JarRunner.run(
                List.of("console", "--echo", "--lang", "en"),
                Map.of(),
                "/help\n/principle 9\n/read 7\n/search\n/principle 1\n",
                work);
        Transcript t = Transcript.parse(en.stdout());
        assertThat(t.reply(0)).contains("Every command").contains("e.g./principle 2");
        assertThat(t.reply(1)).contains("There is no principle 9");
        assertThat(t.reply(2)).contains("There is no document 7");
        assertThat(t.reply(3)).contains("Type what to search for");
        assertThat(t.reply(4)).contains("Principle 1: 尊重网络主权").contains("Xi Jinping");
    }

    @Test
    void calendar_prints_one_line_per_date() {
        JarRunner.Result cal =
                JarRunner.run(List.of("calendar", "--from", "2027-01-01", "--days", "60"), Map.of(), "", work);
        assertThat(cal.exitCode()).isZero();
        String[] lines = cal.stdout().split("\n");
        assertThat(lines).hasSize(60);
        DailyRotation rotation = new DailyRotation(POOL, DailyRotation.DEFAULT_SEED);
        String previous = null;
        for (int i = 0; i < 60; i++) {
            String[] cols = lines[i].split("\t");
            LocalDate day = LocalDate.of(2027, 1, 1).plusDays(i);
            assertThat(cols).hasSize(3);
            assertThat(cols[0]).isEqualTo(day.toString());
            assertThat(cols[1]).isEqualTo(rotation.excerptFor(day).id());
            assertThat(cols[2]).isEqualTo(POOL.byId(cols[1]).orElseThrow().text());
            assertThat(cols[1]).isNotEqualTo(previous);
            previous = cols[1];
        }
    }

    @Test
    void every_subcommand_has_help() {
        for (List<String> args : List.of(
                List.of("--help"),
                List.of("console", "--help"),
                List.of("calendar", "--help"),
                List.of("config", "init", "--help"))) {
            JarRunner.Result help = JarRunner.run(args, Map.of(), "", work);
            assertThat(help.exitCode()).as(args.toString()).isZero();
            assertThat(help.stdout()).as(args.toString()).contains("Usage:");
        }
    }

    @Test
    void without_a_token_or_a_terminal_it_says_what_to_set() {
        JarRunner.Result none = JarRunner.run(List.of(), Map.of(), "", work);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("TELEGRAM_BOT_TOKEN").contains("DISCORD_BOT_TOKEN");
    }

    @Test
    void an_invalid_setting_names_the_key_and_the_accepted_values() {
        JarRunner.Result bad =
                JarRunner.run(List.of("console"), Map.of("EXCERPT_BOT_TIMEZONE", "Mars/Olympus"), "", work);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr())
                .contains("EXCERPT_BOT_TIMEZONE")
                .contains("Mars/Olympus")
                .contains("IANA time zone");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) n++;
        return n;
    }
}
