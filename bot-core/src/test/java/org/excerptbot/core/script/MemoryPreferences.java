package org.excerptbot.core.script;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.excerptbot.core.command.ChatRef;

/** Chats' preferences in memory, for tests that are not about the store. */
final class MemoryPreferences implements ChatPreferenceStore {
    private final Map<ChatRef, Script> scripts = new ConcurrentHashMap<>();

    @Override
    public Optional<Script> script(ChatRef chat) {
        return Optional.ofNullable(scripts.get(chat));
    }

    @Override
    public void setScript(ChatRef chat, Script script, Instant now) {
        scripts.put(chat, script);
    }
}
