package org.excerptbot.core.script;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.excerptbot.core.command.ChatRef;

/** Chats' preferences in memory, for tests that are not about the store (adapters' tests too). */
public final class MemoryPreferences implements ChatPreferenceStore {
    private final Map<ChatRef, Script> scripts = new ConcurrentHashMap<>();
    private volatile ChatRef lastAsked;

    @Override
    public Optional<Script> script(ChatRef chat) {
        lastAsked = chat;
        return Optional.ofNullable(scripts.get(chat));
    }

    /** The chat the store was last asked about: the chat of the latest request, for tests on a platform. */
    public ChatRef lastAsked() {
        return lastAsked;
    }

    @Override
    public void setScript(ChatRef chat, Script script, Instant now) {
        scripts.put(chat, script);
    }

    @Override
    public List<ScriptChoice> all() {
        return scripts.entrySet().stream()
                .map(e -> new ScriptChoice(e.getKey().platform(), e.getKey().id(), e.getValue()))
                .toList();
    }

    @Override
    public boolean restore(ScriptChoice choice, Instant now) {
        throw new UnsupportedOperationException("the tests restore into a database");
    }
}
