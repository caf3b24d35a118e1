package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;

/** When commands are slow, the bot stops taking updates instead of piling them up in its heap. */
class TelegramBackpressureTest {
    @Test
    void aBacklogWaitsAtTelegramUntilTheWorkersCatchUp() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        CommandRegistry registry = CommandRegistry.of(List.of(CommandSpec.everyone("slow", List.of(), c -> {
            started.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.notice("done");
        })));
        try (TestBot t = new TestBot(registry, InlineSource.NONE, Clock.systemUTC())) {
            for (int i = 0; i < 300; i++) t.api.send(t.api.user(10_000 + i, "u" + i, null), "/slow");
            await().until(() -> started.get() == 4); // every worker busy
            int polls = t.api.calls("getUpdates").size();
            await().during(Duration.ofMillis(700)).until(() -> t.api.pendingUpdates() == 300);
            assertThat(t.api.calls("getUpdates"))
                    .as("no poll while the workers hold all the updates they have room for")
                    .hasSize(polls);
            release.countDown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> t.api.calls("sendMessage").size() == 300);
            await().until(() -> t.api.pendingUpdates() == 0);
            assertThat(t.api.calls("sendMessage")).allMatch(c -> c.status() == 200);
        }
    }

    @Test
    void aBacklogWaitingAtStartIsTakenInFullPolls() {
        int users = 250;
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            for (int i = 0; i < users; i++) api.send(api.user(20_000 + i, "u" + i, null), "/echo hi");
            TelegramPlatform bot = TestBot.adapter(TestBot.settings(TestBot.TOKEN, api), Thread::sleep);
            try {
                bot.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> api.calls("sendMessage").size() >= users);
                await().until(() -> api.pendingUpdates() == 0);
            } finally {
                bot.close();
            }
            assertThat(api.calls("sendMessage"))
                    .as("every user answered once")
                    .hasSize(users)
                    .extracting(FakeBotApi.Call::chatId)
                    .doesNotHaveDuplicates();
            assertThat(api.calls("getUpdates").get(0).params().path("limit").asInt())
                    .as("the first poll asks for as many updates as one answer carries")
                    .isEqualTo(100);
            Set<Long> pollsThatCarriedUpdates = new HashSet<>();
            for (int id = api.lastUpdateId() - users + 1; id <= api.lastUpdateId(); id++) {
                api.deliveredNanos(id).ifPresent(pollsThatCarriedUpdates::add);
            }
            assertThat(pollsThatCarriedUpdates)
                    .as("each poll takes at least half of a full answer while the backlog lasts")
                    .hasSizeLessThanOrEqualTo(users / 50);
        }
    }
}
