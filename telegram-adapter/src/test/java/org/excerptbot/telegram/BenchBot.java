package org.excerptbot.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;

/**
 * The bot side of {@link BurstBenchmark}, run in its own JVM (e.g. {@code -Xmx128m}): the adapter against the
 * given Bot API URL with the bench command set, until the process is killed. Arguments: api-url token.
 */
public final class BenchBot {
    private BenchBot() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) throw new IllegalArgumentException("usage: BenchBot <api-url> <token>");
        CommandRegistry registry = BenchCommands.registry();
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry,
                Messages.load(),
                new FloodControl(20, Clock.systemUTC()),
                CommandDispatcher.OwnerCheck.NOBODY);
        TelegramSettings settings =
                TelegramSettings.of(args[1], URI.create(args[0])).withPollTimeout(Duration.ofSeconds(10));
        TelegramBot bot = TelegramBot.start(
                settings, dispatcher, Messages.load(), BenchCommands.inline(), ChatStatusListener.IGNORE);
        Runtime.getRuntime().addShutdownHook(new Thread(bot::close));
        new CountDownLatch(1).await();
    }
}
