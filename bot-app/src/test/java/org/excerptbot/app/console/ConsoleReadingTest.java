package org.excerptbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-references and bookmarks through the console, with the embedded database of a data directory. */
class ConsoleReadingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-05-02T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private AppConfig config() {
        return ConfigLoader.load(
                Map.of("data-dir", data.toString(), "timezone", "Asia/Shanghai"), Map.of(), Optional.empty());
    }

    private ConsoleSession session(BotRuntime runtime) {
        return new ConsoleSession(
                runtime.core().dispatcher(),
                runtime.core().messages().texts(Locale.CHINA),
                new PrintStream(buffer, true, StandardCharsets.UTF_8),
                false,
                true);
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
    void relatedListsTheCommentariesOfAPrincipleAndThePointsOfACommentary() {
        try (BotRuntime runtime = BotRuntime.open(config(), CLOCK)) {
            ConsoleSession session = session(runtime);
            String principle = answer(session, "/related 原则二");
            assertThat(principle)
                    .contains("评论员文章中讨论“维护和平安全”的段落（3 段）")
                    .contains("2.5 然而也必须看到")
                    .contains("3.2 “尊重网络主权")
                    .contains("3.5 建立新的全球互联网治理体系，和平、安全")
                    .contains("💬 3.5");
            assertThat(withoutEcho(answer(session, "/related 1.11"))).isEqualTo(withoutEcho(principle));
            assertThat(answer(session, "/related 3.2"))
                    .contains("3.2 讨论的原则与主张")
                    .contains("原则1 尊重网络主权（1.10）")
                    .contains("原则4 构建良好秩序（1.13）")
                    .doesNotContain("主张1");
            assertThat(answer(session, "/related 1.3")).contains("1.3 没有相关段落");
            assertThat(answer(session, "/related 我有2个问题")).contains("不是已有的段落、原则或主张");
            assertThat(answer(session, "/principle 2"))
                    .contains("💬 2.5")
                    .contains("💬 3.2")
                    .contains("🔖 收藏");
            assertThat(answer(session, "/read 3.2")).contains("📌 原则1").contains("📌 原则4");
        }
    }

    @Test
    void bookmarksArePerUserPagedRemovableAndSurviveARestart() {
        try (BotRuntime runtime = BotRuntime.open(config(), CLOCK)) {
            ConsoleSession session = session(runtime);
            assertThat(answer(session, "/saved")).contains("还没有收藏");
            assertThat(answer(session, "/save 1.11")).contains("已收藏 1.11");
            assertThat(answer(session, "/save 原则二")).contains("1.11 已在收藏中");
            assertThat(answer(session, "/save 9.9")).contains("“9.9”不是已有的段落或摘录");
            String random = answer(session, "/today");
            assertThat(random).contains("🔖 收藏");
            for (String p : new String[] {"1.10", "1.12", "1.13", "2.5", "3.2"}) answer(session, "/save " + p);
        }
        try (BotRuntime runtime = BotRuntime.open(config(), CLOCK)) {
            ConsoleSession session = session(runtime);
            String first = answer(session, "/saved");
            assertThat(first)
                    .contains("我的收藏（共 6 条，第 1/2 页）")
                    .as("saved at the same instant: in the order of their positions")
                    .contains("1. 1.10 ")
                    .contains("5. 2.5 ")
                    .doesNotContain("3.2 “")
                    .contains("🗑 5")
                    .contains("第 2 页 ▶");
            assertThat(answer(session, "11")).contains("第 2/2 页").contains("1. 3.2 “尊重网络主权");
            String removed = answer(session, "/unsave 1.10");
            assertThat(removed).contains("已取消收藏 1.10").contains("共 5 条，第 1/1 页").doesNotContain("1.10 ——");
            assertThat(answer(session, "/unsave 1.10")).contains("1.10 不在收藏中");
        }
    }
}
