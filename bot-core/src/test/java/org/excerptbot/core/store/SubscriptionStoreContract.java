package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Mode;
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
    void savingAgainChangesTheSameSubscription() {
        Subscription first = store.save(ALICE, EIGHT, Mode.DAILY, "zh", T0);
        Slot london = new Slot(LocalTime.of(21, 30), ZoneId.of("Europe/London"));

        Subscription second = store.save(ALICE, london, Mode.SEQUENTIAL, "en", T0.plusSeconds(60));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.slot()).isEqualTo(london);
        assertThat(second.mode()).isEqualTo(Mode.SEQUENTIAL);
        assertThat(second.language()).isEqualTo("en");
        assertThat(second.changedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.countActive()).isEqualTo(1);
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
        file.add(new SubscriptionStore.Restored(ALICE, EIGHT, Mode.DAILY, "zh", 0, SubscriptionStatus.ACTIVE));
        file.add(new SubscriptionStore.Restored(GROUP, nine, Mode.SEQUENTIAL, "en", 7, SubscriptionStatus.ACTIVE));
        for (int i = 0; i < n; i++) {
            // the same chat id on both platforms: two chats
            Platform platform = i % 2 == 0 ? Platform.TELEGRAM : Platform.DISCORD;
            file.add(new SubscriptionStore.Restored(
                    new ChatRef(platform, String.valueOf(50_000 + i / 2), ChatType.PRIVATE),
                    nine,
                    Mode.DAILY,
                    "zh",
                    i,
                    i % 10 == 0 ? SubscriptionStatus.UNSUBSCRIBED : SubscriptionStatus.ACTIVE));
        }

        assertThat(store.restoreAll(file, T0.plusSeconds(60))).isEqualTo(n + 1);

        assertThat(store.all()).hasSize(n + 2);
        assertThat(store.countActive()).isEqualTo(2 + n - n / 10);
        assertThat(store.find(GROUP).orElseThrow())
                .extracting(Subscription::slot, Subscription::mode, Subscription::cursor)
                .containsExactly(nine, Mode.SEQUENTIAL, 7L);
        assertThat(store.find(new ChatRef(Platform.DISCORD, String.valueOf(50_000 + (n - 1) / 2), ChatType.PRIVATE))
                        .orElseThrow()
                        .cursor())
                .isEqualTo(n - 1);
        assertThat(store.restoreAll(file, T0.plusSeconds(120))).isZero();
    }
}
