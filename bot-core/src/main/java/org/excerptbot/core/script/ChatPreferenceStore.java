package org.excerptbot.core.script;

import java.time.Instant;
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
    };

    /** The script the chat chose; empty when it chose none. */
    Optional<Script> script(ChatRef chat);

    /** Records the chat's choice of script. */
    void setScript(ChatRef chat, Script script, Instant now);
}
