package org.excerptbot.telegram;

import java.time.Clock;
import java.time.Duration;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.telegram.fake.FakeBotApi;

/** A fake Bot API and the adapter running against it, with a recording chat status listener. */
final class TestBot implements AutoCloseable {
    static final String TOKEN = "7000000001:AAE-secret_TOKEN-value-1234567890xyz";

    final FakeBotApi api;
    final RecordingListener listener = new RecordingListener();
    final TelegramPlatform bot;

    TestBot(CommandRegistry registry, InlineSource inline, Clock clock) {
        api = FakeBotApi.start(TOKEN);
        bot = adapter(settings(TOKEN, api), dispatcher(registry, clock), inline, listener, Thread::sleep);
        bot.start();
    }

    TestBot() {
        this(TestCommands.registry(), InlineSource.NONE, Clock.systemUTC());
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

    /** The adapter with the test commands, not started; {@code pollSleeper} waits the pauses between polls. */
    static TelegramPlatform adapter(TelegramSettings settings, PollGuard.Sleeper pollSleeper) {
        return adapter(
                settings,
                dispatcher(TestCommands.registry(), Clock.systemUTC()),
                InlineSource.NONE,
                ChatStatusListener.IGNORE,
                pollSleeper);
    }

    static TelegramPlatform adapter(
            TelegramSettings settings,
            CommandDispatcher dispatcher,
            InlineSource inline,
            ChatStatusListener listener,
            PollGuard.Sleeper pollSleeper) {
        return adapter(settings, dispatcher, inline, ChatScripts.byLanguage(), listener, pollSleeper);
    }

    /** As above, inline results in the script {@code scripts} gives each user. */
    static TelegramPlatform adapter(
            TelegramSettings settings,
            CommandDispatcher dispatcher,
            InlineSource inline,
            ChatScripts scripts,
            ChatStatusListener listener,
            PollGuard.Sleeper pollSleeper) {
        return new TelegramPlatform(
                settings, dispatcher, Messages.load(), inline, scripts, listener, Clock.systemUTC(), pollSleeper);
    }

    /** The adapter's health now. */
    HealthCheck.Result health() {
        return bot.health().check();
    }

    /** The bot's username once getMe has answered. */
    String username() {
        return bot.identity().map(BotIdentity::username).orElse(null);
    }

    @Override
    public void close() {
        bot.close();
        api.close();
    }
}
