package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cap on a chat's active schedules is kept by {@link SubscriptionStore#saveWithin} in the transaction that adds
 * one, so that adds racing each other (a double tap, two instances) never pass it. Run against every database.
 */
abstract class ScheduleCapContract {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int CAP = 5;
    /** Adds racing for the chat's last free place, each at its own time. */
    private static final int RACERS = 6;

    private static final int ROUNDS = 20;

    private TestDb db;
    private SubscriptionStore store;

    protected abstract TestDb openDb();

    @BeforeEach
    void open() {
        db = openDb();
        store = new JdbcSubscriptionStore(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    private static Schedule at(int hour) {
        return new Schedule(new Slot(LocalTime.of(hour, 0), SHANGHAI), Mode.DAILY, Days.EVERY_DAY, Format.TEXT);
    }

    private static ChatRef chat(int n) {
        return new ChatRef(Platform.TELEGRAM, "-100" + n, ChatType.GROUP);
    }

    private long active(ChatRef chat) {
        return store.forChat(chat).stream().filter(Subscription::active).count();
    }

    @Test
    void addsUpToTheCapAndThenOnlyChangesOrRevives() {
        ChatRef chat = chat(0);
        for (int h = 0; h < CAP; h++)
            assertThat(store.saveWithin(chat, at(h), "zh", T0, CAP)).isPresent();

        assertThat(store.saveWithin(chat, at(CAP), "zh", T0, CAP)).isEmpty();
        // changing one of the five is no add
        Optional<Subscription> changed = store.saveWithin(
                chat, new Schedule(at(0).slot(), Mode.SEQUENTIAL, Days.WEEKENDS, Format.CARD), "en", T0, CAP);
        assertThat(changed).hasValueSatisfying(s -> assertThat(s.days()).isEqualTo(Days.WEEKENDS));
        // a removed one frees its place, and reviving a removed one takes a place like a new one
        assertThat(store.unsubscribe(chat, LocalTime.of(1, 0), T0)).isTrue();
        assertThat(store.saveWithin(chat, at(CAP), "zh", T0, CAP)).isPresent();
        assertThat(store.saveWithin(chat, at(1), "zh", T0, CAP)).isEmpty();
        assertThat(active(chat)).isEqualTo(CAP);
        assertThatThrownBy(() -> store.saveWithin(chat, at(9), "zh", T0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxActive");
    }

    @Test
    void addsRacingForTheLastPlaceMakeNoSixthSchedule() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                ChatRef chat = chat(round);
                for (int h = 0; h < CAP - 1; h++) store.save(chat, at(h), "zh", T0);
                CyclicBarrier start = new CyclicBarrier(RACERS);
                List<Future<Optional<Subscription>>> adds = new ArrayList<>();
                for (int r = 0; r < RACERS; r++) {
                    Schedule schedule = at(10 + r);
                    adds.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return store.saveWithin(chat, schedule, "zh", T0, CAP);
                    }));
                }
                int added = 0;
                for (Future<Optional<Subscription>> f : adds) {
                    if (f.get(30, TimeUnit.SECONDS).isPresent()) added++;
                }
                assertThat(added).as("adds that won, round %d", round).isEqualTo(1);
                assertThat(active(chat)).as("active schedules, round %d", round).isEqualTo(CAP);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
