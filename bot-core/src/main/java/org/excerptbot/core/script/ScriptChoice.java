package org.excerptbot.core.script;

import java.util.Objects;
import org.excerptbot.core.command.Platform;

/**
 * A chat's stored choice of script, by the chat's platform and id alone (a chat's choice holds in all its threads
 * and whatever its type): what an export carries and an import makes again.
 */
public record ScriptChoice(Platform platform, String chatId, Script script) {
    public ScriptChoice {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(script, "script");
        if (chatId == null || chatId.isBlank()) throw new IllegalArgumentException("chatId: must not be blank");
    }
}
