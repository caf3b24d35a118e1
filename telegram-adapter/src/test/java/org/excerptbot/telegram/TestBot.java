package org.excerptbot.telegram;

import java.time.Clock;
import java.time.Duration;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.telegram.fake.FakeBotApi;

/** A fake Bot API and the adapter running against it, with a recording chat status listener. */
final class TestBot implements AutoCloseable {
    static final String TOKEN = "7000000001:AAE-secret_TOKEN-value-1234567890xyz";

    final FakeBotApi api;
    final RecordingListener listener = new RecordingListener();
    final TelegramBot bot;

    TestBot(CommandRegistry registry, InlineSource inline, Clock clock) {
        api = FakeBotApi.start(TOKEN);
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry, Messages.load(), new FloodControl(20, clock), CommandDispatcher.OwnerCheck.NOBODY);
        TelegramSettings settings = TelegramSettings.of(TOKEN, java.net.URI.create(api.url()))
                .withPollTimeout(Duration.ofSeconds(2))
                .withMaxBackOff(Duration.ofMillis(400))
                .withWorkers(4);
        bot = TelegramBot.start(settings, dispatcher, Messages.load(), inline, listener);
    }

    TestBot() {
        this(TestCommands.registry(), InlineSource.NONE, Clock.systemUTC());
    }

    @Override
    public void close() {
        bot.close();
        api.close();
    }
}
