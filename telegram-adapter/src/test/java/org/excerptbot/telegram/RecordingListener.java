package org.excerptbot.telegram;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.delivery.ChatStatusListener;

/** Remembers what the adapter reported about chats, in order, as text such as {@code forbidden -100 reason}. */
public final class RecordingListener implements ChatStatusListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void chatForbidden(ChatRef chat, String reason) {
        events.add("forbidden " + chat.id() + " " + reason);
    }

    @Override
    public void chatMigrated(ChatRef chat, String newChatId) {
        events.add("migrated " + chat.id() + " -> " + newChatId);
    }

    public List<String> events() {
        return List.copyOf(events);
    }
}
