package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.excerptbot.core.metrics.HealthCheck.Status;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;

/**
 * A Bot API that answers getUpdates at once with no updates instead of holding the poll: the adapter spaces its
 * polls out instead of asking again at once. The pauses are recorded, not waited: each one lets the next poll go
 * only when the test grants it, so that the test counts polls against pauses without waiting for either.
 */
class TelegramEagerPollTest {
    /** Records each pause asked for, and lets it end only when a permit is granted. */
    private static final class RecordingSleeper implements PollGuard.Sleeper {
        final List<Long> pauses = new CopyOnWriteArrayList<>();
        final Semaphore permits = new Semaphore(0);

        @Override
        public void sleep(long millis) throws InterruptedException {
            pauses.add(millis);
            permits.acquire();
        }
    }

    @Test
    void emptyAnswersThatComeAtOnceArePacedAndUpdatesEndThePauses() {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN);
                LogCapture logs = new LogCapture()) {
            api.answerPollsAtOnce(true);
            TelegramPlatform bot = TestBot.adapter(TestBot.settings(TestBot.TOKEN, api), sleeper);
            try {
                bot.start();
                sleeper.permits.release(24);
                // the 25th pause waits for a permit: no poll follows it
                await().until(() -> sleeper.pauses.size() == 25);
                assertThat(api.callCount("getUpdates"))
                        .as("every poll answered at once is followed by a pause")
                        .isEqualTo(25);
                assertThat(sleeper.pauses.get(0)).isEqualTo(PollGuard.FIRST_EAGER_PAUSE.toMillis());
                assertThat(sleeper.pauses).isSorted();
                assertThat(sleeper.pauses.get(24)).isEqualTo(PollGuard.MAX_EAGER_PAUSE.toMillis());
                long paused = sleeper.pauses.stream().mapToLong(Long::longValue).sum();
                assertThat(paused / 25)
                        .as("at most one poll a second on average over 25 polls")
                        .isGreaterThanOrEqualTo(1_000);
                assertThat(bot.health().check().status()).isEqualTo(Status.DEGRADED);
                assertThat(bot.health().check().detail()).contains("getUpdates answers at once");
                assertThat(logs.lines("answered at once with no updates instead of holding the poll"))
                        .isEqualTo(1);

                // an update arrives: it is taken by the next poll, and the pauses start again from the first
                FakeBotApi.User ann = api.user(1001, "Ann", null);
                api.send(ann, "/echo paced");
                sleeper.permits.release();
                await().until(() -> api.messages(ann.id()).size() == 1);
                await().until(() -> sleeper.pauses.size() == 26);
                assertThat(sleeper.pauses.get(25)).isEqualTo(PollGuard.FIRST_EAGER_PAUSE.toMillis());
                assertThat(api.callCount("getUpdates")).isEqualTo(27);
            } finally {
                bot.close();
                sleeper.permits.release(1_000);
            }
        }
    }

    @Test
    void pollsTheBotApiHoldsAreNotPaused() {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            TelegramPlatform bot = TestBot.adapter(
                    TestBot.settings(TestBot.TOKEN, api).withPollTimeout(Duration.ofSeconds(1)), sleeper);
            try {
                bot.start();
                // each poll is held for its whole second
                await().atMost(Duration.ofSeconds(10)).until(() -> api.callCount("getUpdates") >= 3);
                assertThat(sleeper.pauses).isEmpty();
                assertThat(bot.health().check().status()).isEqualTo(Status.UP);
            } finally {
                bot.close();
                sleeper.permits.release(1_000);
            }
        }
    }
}
