package org.excerptbot.core.script;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;

/** Port: each chat's display preferences. */
public interface ChatPreferenceStore {
    /** Keeps no choices: every chat reads in its language's default, and choosing is refused. */
    ChatPreferenceStore NONE = new ChatPreferenceStore() {
        @Override
        public Optional<Script> script(ChatRef chat) {
            return Optional.empty();
        }

        @Override
        public void setScript(ChatRef chat, Script script, Instant now) {
            throw new UnsupportedOperationException("this store keeps no chat preferences");
        }

        @Override
        public List<ScriptChoice> all() {
            return List.of();
        }

        @Override
        public boolean restore(ScriptChoice choice, Instant now) {
            throw new UnsupportedOperationException("this store keeps no chat preferences");
        }
    };

    /** The script the chat chose; empty when it chose none. */
    Optional<Script> script(ChatRef chat);

    /** Records the chat's choice of script. */
    void setScript(ChatRef chat, Script script, Instant now);

    // ---- administration (subscriptions export|import)

    /** Every chat's stored choice, by platform and chat id (for export). */
    List<ScriptChoice> all();

    /** Makes the chat's choice this one (the import of an export); false when it already was. */
    boolean restore(ScriptChoice choice, Instant now);
}
