package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SubscriptionChatZones;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** What adapters report about chats reaches the subscriptions; chats' zones come from them. */
class SubscriptionChatStatusTest {
    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-55", ChatType.GROUP);

    @Test
    void aForbiddenChatIsDisabledAndAMigratedOneMoves() {
        try (TestDb db = TestDb.h2()) {
            JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
            SubscriptionChatStatus status = new SubscriptionChatStatus(store, new MutableClock(NOW));
            ChatRef other = new ChatRef(Platform.TELEGRAM, "77", ChatType.PRIVATE);
            store.save(GROUP, new Slot(LocalTime.of(9, 0), LONDON), Mode.DAILY, "en", NOW);
            store.save(other, new Slot(LocalTime.of(9, 0), LONDON), Mode.DAILY, "en", NOW);

            status.chatMigrated(GROUP, "-10055");
            status.chatForbidden(other, "Forbidden: bot was blocked by the user");
            status.chatForbidden(new ChatRef(Platform.TELEGRAM, "404", ChatType.PRIVATE), "never subscribed");

            assertThat(store.find(GROUP)).isEmpty();
            assertThat(store.find(GROUP.withId("-10055")).orElseThrow().active())
                    .isTrue();
            assertThat(store.find(other).orElseThrow().status()).isEqualTo(SubscriptionStatus.FORBIDDEN);
        }
    }

    @Test
    void aChatsZoneIsItsActiveSubscriptionsElseTheDefault() {
        try (TestDb db = TestDb.h2()) {
            JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
            ZoneId shanghai = ZoneId.of("Asia/Shanghai");
            SubscriptionChatZones zones = new SubscriptionChatZones(store, shanghai);

            assertThat(zones.zoneOf(GROUP)).isEqualTo(shanghai);
            store.save(GROUP, new Slot(LocalTime.of(9, 0), LONDON), Mode.DAILY, "en", NOW);
            assertThat(zones.zoneOf(GROUP)).isEqualTo(LONDON);
            store.unsubscribe(GROUP, NOW);
            assertThat(zones.zoneOf(GROUP)).isEqualTo(shanghai);
        }
    }
}
