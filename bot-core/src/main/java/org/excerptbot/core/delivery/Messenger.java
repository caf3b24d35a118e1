package org.excerptbot.core.delivery;

import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.reply.Reply;

/** Port: sends a reply to a chat on one platform. Implemented by each adapter and by the console. */
public interface Messenger {
    Platform platform();

    /**
     * Sends once, with no retry of its own: rate limits and failures come back as the outcome for the caller to
     * act on. Never throws for a platform error.
     */
    SendOutcome send(ChatRef chat, Reply reply);
}
