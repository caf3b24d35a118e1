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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.excerpt.Excerpt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console shows the whole product: subscribing, settings, and the daily post appearing in the console. */
class ConsoleSubscriptionsTest {
    @TempDir
    Path data;

    private AppConfig config() {
        return ConfigLoader.load(
                Map.of("data-dir", data.toString(), "timezone", "Asia/Shanghai"), Map.of(), Optional.empty());
    }

    private static String run(BotRuntime runtime, ByteArrayOutputStream buffer, String... lines) {
        buffer.reset();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ConsoleSession session = new ConsoleSession(
                runtime.core().dispatcher(), runtime.core().messages().texts(java.util.Locale.CHINA), out, false, true);
        runtime.startPosts(List.of(new ConsoleMessenger(session)));
        for (String line : lines) session.handle(line);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Lines typed into a console whose posts are already started. */
    private static String type(ConsoleSession session, ByteArrayOutputStream buffer, String... lines) {
        buffer.reset();
        for (String line : lines) session.handle(line);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static ConsoleSession session(BotRuntime runtime, ByteArrayOutputStream buffer) {
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ConsoleSession session = new ConsoleSession(
                runtime.core().dispatcher(), runtime.core().messages().texts(java.util.Locale.CHINA), out, false, true);
        runtime.startPosts(List.of(new ConsoleMessenger(session)));
        return session;
    }

    @Test
    void a_post_missed_while_the_console_was_closed_appears_when_it_opens_again_that_day() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Clock before = Clock.fixed(Instant.parse("2027-05-01T23:00:00Z"), ZoneOffset.UTC); // 07:00 in Shanghai
        try (BotRuntime runtime = BotRuntime.open(config(), before)) {
            String out = run(runtime, buffer, "/subscribe 07:30", "/settings");
            assertThat(out).contains("已订阅").contains("07:30（Asia/Shanghai）").contains("下一次推送：2027-05-02 07:30");
        }
        Clock after = Clock.fixed(Instant.parse("2027-05-02T00:00:00Z"), ZoneOffset.UTC); // 08:00 in Shanghai
        try (BotRuntime runtime = BotRuntime.open(config(), after)) {
            Excerpt expected = runtime.core().rotation().excerptFor(LocalDate.of(2027, 5, 2));
            run(runtime, buffer);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(expected.text()));
        }
        try (BotRuntime runtime = BotRuntime.open(config(), after)) {
            String again = run(runtime, buffer, "/today");
            assertThat(again).contains("今日摘录 · 2027-05-02");
            assertThat(again.split(
                            java.util.regex.Pattern.quote(runtime.core()
                                    .rotation()
                                    .excerptFor(LocalDate.of(2027, 5, 2))
                                    .text()),
                            -1))
                    .as("posted once, then shown once more only as /today's reply")
                    .hasSize(2);
        }
    }

    @Test
    void the_chats_zone_follows_its_subscription() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2027-05-02T02:00:00Z"), ZoneOffset.UTC);
        try (BotRuntime runtime = BotRuntime.open(config(), clock)) {
            String out = run(runtime, buffer, "/subscribe 09:00 America/New_York", "/today");
            assertThat(out).contains("今日摘录 · 2027-05-01（America/New_York）");
        }
    }

    @Test
    void several_schedules_are_listed_posted_on_their_days_reported_and_removed_one_by_one() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // Friday 2027-05-07 07:00 in Shanghai
        Clock friday = Clock.fixed(Instant.parse("2027-05-06T23:00:00Z"), ZoneOffset.UTC);
        try (BotRuntime runtime = BotRuntime.open(config(), friday)) {
            String out = run(
                    runtime,
                    buffer,
                    "/subscribe 07:30 Asia/Shanghai weekends",
                    "/subscribe 21:00 sequential",
                    "/subscribe 06:00 Asia/Shanghai mon,wed",
                    "/settings",
                    "/status");
            assertThat(out)
                    .contains("本聊天的推送（3 个，最多 5 个）")
                    .contains("推送时间：周一、周三 06:00（Asia/Shanghai）")
                    .contains("下一次推送：2027-05-10 06:00")
                    .contains("推送时间：周末 07:30（Asia/Shanghai）")
                    .contains("下一次推送：2027-05-08 07:30")
                    .contains("推送时间：每天 21:00（Asia/Shanghai）")
                    .contains("下一次推送：2027-05-07 21:00")
                    .contains("通读进度：第 1 条摘录，共 " + runtime.core().pool().size() + " 条")
                    .contains("推送状态：")
                    .contains("上一次：还没有推送过")
                    .contains("下一次：2027-05-08 07:30");
        }
        // Saturday 08:00: the weekend 07:30 post is caught up at start-up
        Clock saturday = Clock.fixed(Instant.parse("2027-05-08T00:00:00Z"), ZoneOffset.UTC);
        try (BotRuntime runtime = BotRuntime.open(config(), saturday)) {
            Excerpt expected = runtime.core().rotation().excerptFor(LocalDate.of(2027, 5, 8));
            ConsoleSession console = session(runtime, buffer);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(expected.text()));
            String status = type(console, buffer, "/status");
            assertThat(status)
                    .contains("07:30（Asia/Shanghai）· 周末 · daily（每日一段） · text（文字）")
                    .containsPattern("上一次：2027-05-08 0[78]:\\d\\d，已送达")
                    .contains("下一次：2027-05-09 07:30");
            String removed = type(console, buffer, "/unsubscribe 07:30", "/unsubscribe", "/settings");
            assertThat(removed)
                    .contains("已取消 07:30 的推送（还有 2 个）。")
                    .contains("本聊天有多个推送（06:00、21:00）")
                    .contains("本聊天的推送（2 个，最多 5 个）")
                    .doesNotContain("周末 07:30");
            assertThat(type(console, buffer, "/unsubscribe all", "/status"))
                    .contains("已取消本聊天的全部每日推送。")
                    .contains("本聊天还没有订阅。");
        }
    }
}
