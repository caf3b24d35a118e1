package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SubscriptionStore}, run against every database we support. */
abstract class SubscriptionStoreContract {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Slot EIGHT = new Slot(LocalTime.of(8, 0), SHANGHAI);
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final ChatRef ALICE = new ChatRef(Platform.TELEGRAM, "1001", ChatType.PRIVATE);
    static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-2002", ChatType.GROUP);

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

    @Test
    void saveCreatesAnActiveSubscriptionAtCursorZero() {
        Subscription s = store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0);

        assertThat(s.chat()).isEqualTo(ALICE);
        assertThat(s.slot()).isEqualTo(EIGHT);
        assertThat(s.mode()).isEqualTo(Mode.DAILY);
        assertThat(s.language()).isEqualTo("zh");
        assertThat(s.cursor()).isZero();
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.changedAt()).isEqualTo(T0);
        assertThat(store.find(ALICE)).contains(s);
        assertThat(store.byId(s.id())).contains(s);
    }

    @Test
    void savingAtTheSameTimeChangesThatScheduleKeepingItsCursor() {
        Subscription first = store.save(ALICE, EIGHT, Mode.SEQUENTIAL, "zh", T0);
        Slot london = new Slot(LocalTime.of(8, 0), ZoneId.of("Europe/London"));

        Subscription second = store.save(
                ALICE, new Schedule(london, Mode.DAILY, Days.WEEKENDS, Format.CARD), "en", T0.plusSeconds(60));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.slot()).isEqualTo(london);
        assertThat(second.mode()).isEqualTo(Mode.DAILY);
        assertThat(second.days()).isEqualTo(Days.WEEKENDS);
        assertThat(second.format()).isEqualTo(Format.CARD);
        assertThat(second.language()).isEqualTo("en");
        assertThat(second.changedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.countActive()).isEqualTo(1);
    }

    @Test
    void theThreadItWasMadeInIsKeptAndFollowsTheLatestSubscribe() {
        ChatRef inTopic = GROUP.inThread(java.util.Optional.of("42"));

        Subscription inThread = store.save(inTopic, EIGHT, Mode.DAILY, "zh", T0);
        assertThat(inThread.chat().thread()).contains("42");
        assertThat(store.find(GROUP)).contains(inThread);

        Subscription moved = store.save(GROUP, EIGHT, Mode.DAILY, "zh", T0.plusSeconds(60));
        assertThat(moved.id()).isEqualTo(inThread.id());
        assertThat(moved.chat().thread()).isEmpty();
        assertThat(store.byId(moved.id()).orElseThrow().chat().thread()).isEmpty();
    }

    @Test
    void readingOnMovesASequentialCursorOncePerPositionAndNothingElse() {
        Subscription reading = store.save(ALICE, EIGHT, Mode.SEQUENTIAL, "zh", T0);
        Subscription daily = store.save(GROUP, EIGHT, Mode.DAILY, "zh", T0);

        assertThat(store.advance(reading.id(), 0)).isTrue();
        assertThat(store.advance(reading.id(), 0)).as("the same press again").isFalse();
        assertThat(store.advance(reading.id(), 5))
                .as("a position the reading is not at")
                .isFalse();
        assertThat(store.advance(reading.id(), 1)).isTrue();
        assertThat(store.byId(reading.id()).orElseThrow().cursor()).isEqualTo(2);
        assertThat(store.byId(reading.id()).orElseThrow().changedAt())
                .as("reading on is no change of settings")
                .isEqualTo(T0);

        assertThat(store.advance(daily.id(), 0))
                .as("a daily schedule has no reading")
                .isFalse();
        assertThat(store.byId(daily.id()).orElseThrow().cursor()).isZero();
        assertThat(store.advance(reading.id() + daily.id() + 100, 0))
                .as("no such schedule")
                .isFalse();
    }

    @Test
    void twoPressesAtOnceMoveTheCursorOnce() throws Exception {
        Subscription reading = store.save(ALICE, EIGHT, Mode.SEQUENTIAL, "zh", T0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> presses = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                presses.add(pool.submit(() -> {
                    go.await();
                    return store.advance(reading.id(), 0);
                }));
            }
            go.countDown();
            int moved = 0;
            for (var press : presses) moved += press.get() ? 1 : 0;
            assertThat(moved).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.byId(reading.id()).orElseThrow().cursor()).isEqualTo(1);
    }

    @Test
    void aChatHasOneSchedulePerLocalTime() {
        Schedule morning =
                new Schedule(new Slot(LocalTime.of(7, 30), SHANGHAI), Mode.DAILY, Days.WEEKDAYS, Format.CARD);
        Schedule evening = new Schedule(
                new Slot(LocalTime.of(21, 0), ZoneId.of("Europe/Berlin")),
                Mode.SEQUENTIAL,
                Days.parse("mon,wed,fri").orElseThrow(),
                Format.TEXT);
        Subscription late = store.save(GROUP, evening, "zh", T0);
        Subscription early = store.save(GROUP, morning, "zh", T0);

        assertThat(store.forChat(GROUP)).containsExactly(early, late);
        assertThat(late.schedule()).isEqualTo(evening);
        assertThat(store.byId(early.id()).orElseThrow().schedule()).isEqualTo(morning);
        assertThat(store.activeSlots()).containsExactlyInAnyOrder(morning.slot(), evening.slot());

        assertThat(store.unsubscribe(GROUP, LocalTime.of(7, 30), T0)).isTrue();
        assertThat(store.unsubscribe(GROUP, LocalTime.of(7, 30), T0)).isFalse();
        assertThat(store.find(GROUP)).contains(late);
        assertThat(store.countActive()).isEqualTo(1);

        Subscription revived = store.save(GROUP, morning, "en", T0.plusSeconds(5));
        assertThat(revived.id()).isEqualTo(early.id());
        assertThat(store.unsubscribe(GROUP, T0.plusSeconds(6))).isTrue();
        assertThat(store.countActive()).isZero();
        assertThat(store.forChat(GROUP)).hasSize(2).noneMatch(Subscription::active);
    }

    @Test
    void disableAndMigrateTakeEveryScheduleOfTheChat() {
        Subscription a = store.save(GROUP, EIGHT, Mode.DAILY, "zh", T0);
        Subscription b = store.save(GROUP, new Slot(LocalTime.of(21, 0), SHANGHAI), Mode.SEQUENTIAL, "zh", T0);
        ChatRef target = GROUP.withId("-1009999");
        Subscription theirs = store.save(target, EIGHT, Mode.SEQUENTIAL, "en", T0);

        assertThat(store.migrate(GROUP, target.id(), T0)).isTrue();

        assertThat(store.byId(a.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.MIGRATED);
        assertThat(store.byId(b.id()).orElseThrow().chat()).isEqualTo(target);
        assertThat(store.forChat(target)).extracting(Subscription::id).containsExactly(theirs.id(), b.id());

        assertThat(store.disable(target, "Forbidden: bot was kicked", T0)).isTrue();
        assertThat(store.forChat(target)).allMatch(s -> s.status() == SubscriptionStatus.FORBIDDEN);
        assertThat(store.countActive()).isZero();
    }

    @Test
    void restoreKeepsTheTopicAScheduleWasMadeIn() {
        ChatRef topic = GROUP.inThread(Optional.of("42"));
        Schedule daily = Schedule.everyDay(EIGHT, Mode.DAILY);
        assertThat(store.restore(topic, daily, "zh-TW", 0, SubscriptionStatus.ACTIVE, T0))
                .isTrue();
        assertThat(store.restore(topic, daily, "zh-TW", 0, SubscriptionStatus.ACTIVE, T0))
                .as("already so")
                .isFalse();
        assertThat(store.forChat(GROUP)).singleElement().satisfies(s -> {
            assertThat(s.chat().thread()).contains("42");
            assertThat(s.language()).isEqualTo("zh-TW");
        });

        assertThat(store.restore(GROUP, daily, "zh-TW", 0, SubscriptionStatus.ACTIVE, T0))
                .as("moved back to the chat's main conversation")
                .isTrue();
        assertThat(store.forChat(GROUP))
                .singleElement()
                .satisfies(s -> assertThat(s.chat().thread()).isEmpty());
    }

    @Test
    void restoreIsKeyedByChatAndTime() {
        Schedule card = new Schedule(EIGHT, Mode.DAILY, Days.WEEKDAYS, Format.CARD);
        assertThat(store.restore(GROUP, card, "zh", 0, SubscriptionStatus.ACTIVE, T0))
                .isTrue();
        assertThat(store.restore(GROUP, card, "zh", 0, SubscriptionStatus.ACTIVE, T0))
                .isFalse();
        Schedule night = Schedule.everyDay(new Slot(LocalTime.of(22, 0), SHANGHAI), Mode.SEQUENTIAL);
        assertThat(store.restore(GROUP, night, "zh", 7, SubscriptionStatus.ACTIVE, T0))
                .isTrue();

        assertThat(store.forChat(GROUP))
                .extracting(Subscription::schedule, Subscription::cursor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(card, 0L), org.assertj.core.groups.Tuple.tuple(night, 7L));
    }

    @Test
    void theSameChatIdOnAnotherPlatformIsAnotherChat() {
        store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0);
        ChatRef discord = new ChatRef(Platform.DISCORD, ALICE.id(), ChatType.GROUP);

        assertThat(store.find(discord)).isEmpty();
        store.save(discord, EIGHT, Mode.DAILY, "zh", T0);
        assertThat(store.countActive()).isEqualTo(2);
    }

    @Test
    void unsubscribeStopsItAndSubscribingAgainRevivesIt() {
        Subscription s = store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0);

        assertThat(store.unsubscribe(ALICE, T0.plusSeconds(1))).isTrue();
        assertThat(store.unsubscribe(ALICE, T0.plusSeconds(2))).isFalse();
        assertThat(store.find(ALICE).orElseThrow().status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
        assertThat(store.activeSlots()).isEmpty();
        assertThat(store.countActive()).isZero();

        Subscription again = store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0.plusSeconds(3));
        assertThat(again.id()).isEqualTo(s.id());
        assertThat(again.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void unsubscribingAChatWithoutSubscriptionSaysSo() {
        assertThat(store.unsubscribe(ALICE, T0)).isFalse();
        assertThat(store.disable(ALICE, "blocked", T0)).isFalse();
        assertThat(store.migrate(ALICE, "999", T0)).isFalse();
    }

    @Test
    void disableMarksItForbidden() {
        store.save(GROUP, EIGHT, Mode.DAILY, "zh", T0);

        assertThat(store.disable(GROUP, "Forbidden: bot was kicked from the group chat", T0))
                .isTrue();

        assertThat(store.find(GROUP).orElseThrow().status()).isEqualTo(SubscriptionStatus.FORBIDDEN);
        assertThat(store.countActive()).isZero();
    }

    @Test
    void migrateMovesTheSubscriptionToTheNewChatId() {
        Subscription s = store.save(GROUP, EIGHT, Mode.SEQUENTIAL, "zh", T0);

        assertThat(store.migrate(GROUP, "-1009999", T0)).isTrue();

        assertThat(store.find(GROUP)).isEmpty();
        Subscription moved = store.find(GROUP.withId("-1009999")).orElseThrow();
        assertThat(moved.id()).isEqualTo(s.id());
        assertThat(moved.mode()).isEqualTo(Mode.SEQUENTIAL);
        assertThat(moved.active()).isTrue();
    }

    @Test
    void migrateOntoAChatThatHasItsOwnSubscriptionRetiresTheOldOne() {
        Subscription old = store.save(GROUP, EIGHT, Mode.DAILY, "zh", T0);
        ChatRef target = GROUP.withId("-1009999");
        Subscription existing = store.save(target, EIGHT, Mode.SEQUENTIAL, "en", T0);

        assertThat(store.migrate(GROUP, target.id(), T0)).isTrue();

        assertThat(store.byId(old.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.MIGRATED);
        assertThat(store.find(target)).contains(existing);
        assertThat(store.countActive()).isEqualTo(1);
    }

    @Test
    void activeSlotsAreDistinctTimeAndZonePairs() {
        Slot london = new Slot(LocalTime.of(8, 0), ZoneId.of("Europe/London"));
        store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0);
        store.save(GROUP, EIGHT, Mode.SEQUENTIAL, "zh", T0);
        store.save(new ChatRef(Platform.DISCORD, "77", ChatType.GROUP), london, Mode.DAILY, "en", T0);
        ChatRef gone = new ChatRef(Platform.DISCORD, "78", ChatType.GROUP);
        store.save(gone, new Slot(LocalTime.of(9, 15), SHANGHAI), Mode.DAILY, "en", T0);
        store.unsubscribe(gone, T0);

        assertThat(store.activeSlots()).containsExactlyInAnyOrder(EIGHT, london);
        assertThat(store.countActive()).isEqualTo(3);
    }

    @Test
    void restoreAllCreatesChangesAndKeepsChatsAcrossSeveralBatches() {
        int n = JdbcSubscriptionStore.RESTORE_BATCH * 2 + 500;
        store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0);
        store.save(GROUP, EIGHT, Mode.DAILY, "zh", T0);
        Slot nine = new Slot(LocalTime.of(9, 0), SHANGHAI);
        List<SubscriptionStore.Restored> file = new ArrayList<>();
        file.add(new SubscriptionStore.Restored(
                ALICE, Schedule.everyDay(EIGHT, Mode.DAILY), "zh", 0, SubscriptionStatus.ACTIVE));
        // a second schedule of the group, at another time
        file.add(new SubscriptionStore.Restored(
                GROUP, Schedule.everyDay(nine, Mode.SEQUENTIAL), "en", 7, SubscriptionStatus.ACTIVE));
        for (int i = 0; i < n; i++) {
            // the same chat id on both platforms: two chats
            Platform platform = i % 2 == 0 ? Platform.TELEGRAM : Platform.DISCORD;
            file.add(new SubscriptionStore.Restored(
                    new ChatRef(platform, String.valueOf(50_000 + i / 2), ChatType.PRIVATE),
                    Schedule.everyDay(nine, Mode.DAILY),
                    "zh",
                    i,
                    i % 10 == 0 ? SubscriptionStatus.UNSUBSCRIBED : SubscriptionStatus.ACTIVE));
        }

        assertThat(store.restoreAll(file, T0.plusSeconds(60))).isEqualTo(n + 1);

        assertThat(store.all()).hasSize(n + 3);
        assertThat(store.countActive()).isEqualTo(3 + n - n / 10);
        assertThat(store.forChat(GROUP))
                .extracting(Subscription::slot, Subscription::mode, Subscription::cursor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EIGHT, Mode.DAILY, 0L),
                        org.assertj.core.groups.Tuple.tuple(nine, Mode.SEQUENTIAL, 7L));
        assertThat(store.find(new ChatRef(Platform.DISCORD, String.valueOf(50_000 + (n - 1) / 2), ChatType.PRIVATE))
                        .orElseThrow()
                        .cursor())
                .isEqualTo(n - 1);
        assertThat(store.restoreAll(file, T0.plusSeconds(120))).isZero();
    }
}
