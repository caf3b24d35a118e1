package org.excerptbot.core.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.reply.Reply;

/**
 * A messenger that records what it was asked to send and answers from a script per chat id (then
 * {@link SendOutcome.Sent}), so tests can play 429s, 403s, migrations and failures. Only a {@code Sent} counts as
 * delivered.
 */
public final class FakeMessenger implements Messenger {
    /** One send attempt as the platform saw it. */
    public record Attempt(ChatRef chat, Reply reply, SendOutcome outcome) {}

    private final Platform platform;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, Deque<SendOutcome>> script = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public FakeMessenger(Platform platform) {
        this.platform = platform;
    }

    /** The next sends to this chat id answer these outcomes, in order. */
    public synchronized FakeMessenger script(String chatId, SendOutcome... outcomes) {
        script.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public synchronized SendOutcome send(ChatRef chat, Reply reply) {
        Deque<SendOutcome> queue = script.get(chat.id());
        SendOutcome outcome =
                queue == null || queue.isEmpty() ? new SendOutcome.Sent("m-" + ids.incrementAndGet()) : queue.poll();
        attempts.add(new Attempt(chat, reply, outcome));
        return outcome;
    }

    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The posts actually delivered, in order. */
    public synchronized List<Attempt> delivered() {
        return attempts.stream()
                .filter(a -> a.outcome() instanceof SendOutcome.Sent)
                .toList();
    }

    /** The delivered posts' chat ids. */
    public synchronized List<String> deliveredChatIds() {
        return delivered().stream().map(a -> a.chat().id()).toList();
    }
}
