package org.excerptbot.telegram;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the adapter has learnt about chats while sending: chats that refuse the bot (403, or the bot was removed)
 * are not sent to again until they write to the bot; groups that became supergroups are sent to under their new
 * id. Thread-safe.
 */
final class ChatStates {
    private static final int MAX_HOPS = 4;
    private final Set<Long> forbidden = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> moved = new ConcurrentHashMap<>();

    /** The id to send to now: the chat's newest id after any migrations. */
    long resolve(long chatId) {
        long id = chatId;
        for (int i = 0; i < MAX_HOPS; i++) {
            Long to = moved.get(id);
            if (to == null) break;
            id = to;
        }
        return id;
    }

    boolean isForbidden(long chatId) {
        return forbidden.contains(chatId);
    }

    /** Returns true when the chat was not already known to refuse the bot. */
    boolean forbid(long chatId) {
        return forbidden.add(chatId);
    }

    /** The chat talks to the bot again (a user unblocked it, the bot was re-added). */
    void allow(long chatId) {
        forbidden.remove(chatId);
    }

    /** Returns true when the move was not known yet. */
    boolean moved(long from, long to) {
        return !Long.valueOf(to).equals(moved.put(from, to));
    }
}
