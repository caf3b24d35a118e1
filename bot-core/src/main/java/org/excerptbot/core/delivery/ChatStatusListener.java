package org.excerptbot.core.delivery;

import org.excerptbot.core.command.ChatRef;

/**
 * Port: adapters report what they learn about a chat while sending, so that subscriptions follow it. A chat that
 * forbids the bot is disabled; a chat that moved is rewritten to its new id.
 */
public interface ChatStatusListener {
    ChatStatusListener IGNORE = new ChatStatusListener() {
        @Override
        public void chatForbidden(ChatRef chat, String reason) {}

        @Override
        public void chatMigrated(ChatRef chat, String newChatId) {}
    };

    /** The bot was blocked, kicked or lost access; stop posting there. */
    void chatForbidden(ChatRef chat, String reason);

    /** The chat now lives under a new id (Telegram group upgraded to a supergroup). */
    void chatMigrated(ChatRef chat, String newChatId);
}
