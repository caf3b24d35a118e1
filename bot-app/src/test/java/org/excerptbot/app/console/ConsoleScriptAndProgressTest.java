package org.excerptbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.script.ScriptConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat's script, reading progress and the buttons a registry can answer, through the console. */
class ConsoleScriptAndProgressTest {
    /** 07:00 in Shanghai. */
    private static final Clock SEVEN = Clock.fixed(Instant.parse("2027-05-01T23:00:00Z"), ZoneOffset.UTC);
    /** 08:00 in Shanghai, the next morning's 07:30 post due. */
    private static final Clock EIGHT = Clock.fixed(Instant.parse("2027-05-02T00:00:00Z"), ZoneOffset.UTC);

    private static final ScriptConverter CONVERTER = ScriptConverter.hongKong();

    @TempDir
    Path data;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private AppConfig config() {
        return ConfigLoader.load(
                Map.of("data-dir", data.toString(), "timezone", "Asia/Shanghai"), Map.of(), Optional.empty());
    }

    private ConsoleSession session(CommandDispatcher dispatcher, CoreServices core) {
        return new ConsoleSession(
                dispatcher,
                core.messages().texts(Locale.CHINA),
                new PrintStream(buffer, true, StandardCharsets.UTF_8),
                false,
                true);
    }

    private ConsoleSession session(BotRuntime runtime) {
        return session(runtime.core().dispatcher(), runtime.core());
    }

    private String answer(ConsoleSession session, String line) {
        buffer.reset();
        session.handle(line);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String withoutEcho(String answer) {
        return answer.substring(answer.indexOf('\n') + 1);
    }

    @Test
    void a_chat_chooses_traditional_it_is_remembered_and_every_reply_follows_it() {
        String simplified = "网络空间，不应成为各国角力的战场";
        String traditional = "網絡空間，不應成為各國角力的戰場";
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            ConsoleSession session = session(runtime);
            assertThat(answer(session, "/script")).contains("本聊天以简体显示（按您的语言设置）");
            assertThat(answer(session, "/read 1.11")).contains(simplified);
            assertThat(answer(session, "/settings script traditional")).contains("好的，本聊天今後以繁體顯示，每日推送也是。");
            String read = answer(session, "/read 1.11");
            assertThat(read)
                    .contains(traditional)
                    .contains("—— 習近平《在第二屆世界互聯網大會開幕式上的講話》，2015-12-16 · 1.11（繁體轉換）")
                    .doesNotContain(simplified);
            assertThat(withoutEcho(answer(session, "/search 角力的战场")))
                    .as("a simplified query finds the paragraph, shown in traditional characters")
                    .contains("【角力的戰場】")
                    .doesNotContain("战场");
            assertThat(answer(session, "/search 角力的戰場")).contains("【角力的戰場】");
            assertThat(answer(session, "/script nonsense"))
                    .contains("traditional")
                    .contains("simplified");
        }
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            ConsoleSession session = session(runtime);
            assertThat(answer(session, "/script")).contains("本聊天以繁體顯示。");
            assertThat(answer(session, "/read 1.11")).contains(traditional);
            assertThat(answer(session, "/script simplified")).contains("好的，本聊天今后以简体显示");
            assertThat(answer(session, "/read 1.11")).contains(simplified).doesNotContain("繁體轉換");
        }
    }

    @Test
    void the_daily_post_of_a_traditional_chat_is_converted() {
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            ConsoleSession session = session(runtime);
            answer(session, "/subscribe 07:30");
            answer(session, "/script traditional");
        }
        try (BotRuntime runtime = BotRuntime.open(config(), EIGHT)) {
            Excerpt expected = runtime.core().rotation().excerptFor(LocalDate.of(2027, 5, 2));
            ConsoleSession session = session(runtime);
            runtime.startPosts(List.of(new ConsoleMessenger(session)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(buffer.toString(StandardCharsets.UTF_8))
                            .contains(CONVERTER.toTraditional(expected.text()))
                            .contains("（繁體轉換）"));
            assertThat(buffer.toString(StandardCharsets.UTF_8)).doesNotContain(expected.text());
        }
    }

    @Test
    void progress_counts_excerpts_and_paragraphs_and_reading_on_moves_the_reading_that_the_posts_continue() {
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            ExcerptPool pool = runtime.core().pool();
            assertThat(pool.size()).isEqualTo(89);
            assertThat(runtime.core().corpus().paragraphs().count()).isEqualTo(42);
            assertThat(pool.all().stream().map(Excerpt::ref).distinct().count())
                    .as("the reading skips the ceremonial paragraphs (greetings, thanks)")
                    .isEqualTo(35);
            Excerpt first = pool.get(0);
            ConsoleSession session = session(runtime);
            assertThat(answer(session, "/progress")).contains("本聊天没有通读订阅");
            answer(session, "/subscribe 07:30 sequential");
            answer(session, "/subscribe 21:00 sequential");
            answer(session, "/subscribe 12:00");
            String progress = answer(session, "/progress");
            assertThat(progress)
                    .contains("07:30 通读：下一条是第 1/89 条摘录（讲话第 " + first.ref().paragraph() + " 段，第 1/35 段），已读 0%")
                    .contains("下次推送：2027-05-02 07:30，第 1 条")
                    .contains("21:00 通读：下一条是第 1/89 条摘录")
                    .contains("下次推送：2027-05-02 21:00，第 1 条")
                    .doesNotContain("12:00")
                    .contains("[1] ▶ 07:30 继续读第 1 条")
                    .contains("[2] ▶ 21:00 继续读第 1 条");
            String readOn = answer(session, "1");
            assertThat(readOn)
                    .contains("通读 · 第 1/89 条摘录（讲话第 " + first.ref().paragraph() + " 段）")
                    .contains(first.text())
                    .contains("07:30 通读已前进到第 2 条。")
                    .contains("下次推送：2027-05-02 07:30，第 2 条")
                    .contains("[4] ▶ 第 2 条");
            assertThat(answer(session, "4"))
                    .contains("通读 · 第 2/89 条摘录")
                    .contains(pool.get(1).text())
                    .contains("07:30 通读已前进到第 3 条。");
            assertThat(answer(session, "/progress"))
                    .as("reading on moved the 07:30 reading only")
                    .contains("07:30 通读：下一条是第 3/89 条摘录")
                    .contains("已读 2%")
                    .contains("21:00 通读：下一条是第 1/89 条摘录");
            assertThat(answer(session, "/progress 5"))
                    .as("an excerpt asked for by its number is only shown")
                    .contains(pool.get(4).text())
                    .doesNotContain("前进");
            assertThat(answer(session, "/progress")).contains("07:30 通读：下一条是第 3/89 条摘录");
            assertThat(withoutEcho(answer(session, "/progress 90"))).contains("摘录序号应为 1-89，没有 90");
        }
        try (BotRuntime runtime = BotRuntime.open(config(), EIGHT)) {
            ExcerptPool pool = runtime.core().pool();
            ConsoleSession session = session(runtime);
            buffer.reset();
            runtime.startPosts(List.of(new ConsoleMessenger(session)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(buffer.toString(StandardCharsets.UTF_8))
                            .as("the morning's post continues after what was read")
                            .contains(pool.get(2).text()));
            assertThat(buffer.toString(StandardCharsets.UTF_8))
                    .doesNotContain(pool.get(0).text())
                    .doesNotContain(pool.get(1).text());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(answer(session, "/progress"))
                    .contains("07:30 通读：下一条是第 4/89 条摘录")
                    .contains("已读 3%")
                    .contains("21:00 通读：下一条是第 1/89 条摘录"));
        }
    }

    @Test
    void a_registry_without_bookmarks_shows_no_save_button() {
        CoreServices bare = CoreServices.build(config(), SEVEN, ChatZones.fixed(ZoneId.of("Asia/Shanghai")));
        ConsoleSession session = session(bare.dispatcher(), bare);
        assertThat(answer(session, "/read 1.11")).contains("🖼 卡片").doesNotContain("收藏");
        assertThat(answer(session, "/today")).doesNotContain("收藏");
        try (BotRuntime runtime = BotRuntime.open(config(), SEVEN)) {
            assertThat(answer(session(runtime), "/read 1.11")).contains("🔖 收藏");
        }
    }
}
