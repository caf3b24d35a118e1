package org.excerptbot.core.delivery;

import java.time.Clock;
import java.util.Objects;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps subscriptions in step with what the adapters learn about chats: a chat that forbids the bot stops
 * receiving posts; a chat that moved (Telegram group upgraded to a supergroup) keeps its subscription under the
 * new id.
 */
public final class SubscriptionChatStatus implements ChatStatusListener {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionChatStatus.class);

    private final SubscriptionStore store;
    private final Clock clock;

    public SubscriptionChatStatus(SubscriptionStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void chatForbidden(ChatRef chat, String reason) {
        if (store.disable(chat, reason, clock.instant())) {
            log.info("subscription of {} disabled: {}", chat, reason);
        }
    }

    @Override
    public void chatMigrated(ChatRef chat, String newChatId) {
        if (store.migrate(chat, newChatId, clock.instant())) {
            log.info("subscription of {} moved to chat {}", chat, newChatId);
        }
    }
}
