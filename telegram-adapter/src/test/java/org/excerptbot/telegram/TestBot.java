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
        bot = TelegramBot.start(settings(TOKEN, api), dispatcher(registry, clock), Messages.load(), inline, listener);
    }

    /** The settings of the tests' bots: short polls and back-off. */
    static TelegramSettings settings(String token, FakeBotApi api) {
        return TelegramSettings.of(token, java.net.URI.create(api.url()))
                .withPollTimeout(Duration.ofSeconds(2))
                .withMaxBackOff(Duration.ofMillis(400))
                .withWorkers(4);
    }

    static CommandDispatcher dispatcher(CommandRegistry registry, Clock clock) {
        return new CommandDispatcher(
                registry, Messages.load(), new FloodControl(20, clock), CommandDispatcher.OwnerCheck.NOBODY);
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
