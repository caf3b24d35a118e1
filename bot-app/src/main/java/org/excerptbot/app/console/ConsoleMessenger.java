package org.excerptbot.app.console;

import java.util.concurrent.atomic.AtomicLong;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;

/** Delivers daily posts to the console, where they appear between the replies. */
public final class ConsoleMessenger implements Messenger {
    private final ConsoleSession session;
    private final AtomicLong sent = new AtomicLong();

    public ConsoleMessenger(ConsoleSession session) {
        this.session = session;
    }

    @Override
    public Platform platform() {
        return Platform.CONSOLE;
    }

    @Override
    public SendOutcome send(ChatRef chat, Reply reply) {
        if (!chat.equals(ConsoleSession.CHAT)) return new SendOutcome.Forbidden("the console has one chat only");
        session.print(reply);
        return new SendOutcome.Sent("console-" + sent.incrementAndGet());
    }
}
