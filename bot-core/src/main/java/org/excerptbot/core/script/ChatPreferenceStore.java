package org.excerptbot.core.script;

import java.time.Instant;
import java.util.Optional;
import org.excerptbot.core.command.ChatRef;

/** Port: each chat's display preferences. */
public interface ChatPreferenceStore {
    /** The script the chat chose; empty when it chose none. */
    Optional<Script> script(ChatRef chat);

    /** Records the chat's choice of script. */
    void setScript(ChatRef chat, Script script, Instant now);
}
