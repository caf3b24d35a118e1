package org.excerptbot.app.bench;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * Warms up the fake Bot API's code in this JVM before a benchmark: Telegram's servers are neither cold nor on the
 * bot's cores when a bot starts, so the fake should not spend its first seconds in the interpreter and the JIT on
 * the cores the jar needs. A throw-away {@link FakeBotApi} answers sendMessage requests shaped like the bot's
 * replies and getUpdates polls that carry commands; then this waits until the JIT has been idle for a second.
 */
final class WarmFake {
    private static final String TOKEN = "7100000009:AAH-warm_up-token-0123456789abcdefgh";
    private static final String REPLY =
            """
            {"chat_id":%d,"text":"<b>今日摘录 · 2026-12-03</b>\\n互联网是人类的共同家园。让这个家园更美丽、更干净、更安全，\
            是国际社会的共同责任。A &amp; B &lt;C&gt;\\n<i>—— 习近平《在第二届世界互联网大会开幕式上的讲话》，\
            2015-12-16 · 1.14</i>","parse_mode":"HTML","reply_markup":{"inline_keyboard":[[{"text":"阅读全段 1.14",\
            "callback_data":"read 1 14"}]]}}""";

    private WarmFake() {}

    /** {@code requests} sendMessage requests over 4 connections, and polls that take 1,000 updates. */
    static void run(int requests) throws InterruptedException {
        long t0 = System.nanoTime();
        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<FakeBotApi.User> users = new ArrayList<>();
            for (int i = 0; i < 100; i++) users.add(api.user(9_000_000 + i, "warm" + i, "zh"));
            long offset = 0;
            for (int round = 0; round < 10; round++) {
                for (FakeBotApi.User u : users) api.send(u, "/today");
                String body = "{\"offset\":" + offset + ",\"limit\":100,\"timeout\":0}";
                String answer = post(http, api.url() + "/bot" + TOKEN + "/getUpdates", body);
                if (!answer.contains("\"ok\":true")) throw new IllegalStateException("warm-up poll: " + answer);
                offset = api.lastUpdateId() + 1;
            }
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                Thread t = new Thread(
                        () -> {
                            for (int i = 0; i < requests / 4; i++) {
                                long chat = users.get(i % users.size()).id();
                                String answer = post(
                                        http,
                                        api.url() + "/bot" + TOKEN + "/sendMessage",
                                        String.format(Locale.ROOT, REPLY, chat));
                                if (!answer.contains("\"ok\":true")) {
                                    throw new IllegalStateException("warm-up send: " + answer);
                                }
                            }
                        },
                        "warm-fake-" + c);
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) t.join();
        }
        double warm = (System.nanoTime() - t0) / 1e9;
        awaitQuietJit();
        System.out.printf(
                Locale.ROOT,
                "fake Bot API warmed up: %d sendMessage + 1,000 updates polled in %.1f s; its JIT idle %.1f s later%n",
                requests,
                warm,
                (System.nanoTime() - t0) / 1e9 - warm);
    }

    private static String post(HttpClient http, String url, String json) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException("warm-up request to " + url + " failed", e);
        }
    }

    /** Until the JIT compiled for less than 10 ms over the last second (at most 30 s). */
    private static void awaitQuietJit() {
        AtomicLong last = new AtomicLong(compileMillis());
        await().pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    long now = compileMillis();
                    return now - last.getAndSet(now) < 10;
                });
    }

    private static long compileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }
}
