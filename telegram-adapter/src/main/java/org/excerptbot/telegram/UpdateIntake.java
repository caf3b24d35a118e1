package org.excerptbot.telegram;

import java.time.Instant;
import java.util.List;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.HttpRoute;

/**
 * How updates reach the bot: {@link LongPollingIntake} asks for them, {@link WebhookIntake} has Telegram push them.
 * Either hands each update to the {@link UpdateWorkers} once the start-up has identified the bot, within the room
 * of the {@link UpdateRoom}.
 */
interface UpdateIntake extends AutoCloseable {
    /** The names of the updates the bot asks Telegram for. */
    List<String> UPDATE_KINDS = List.of("message", "channel_post", "callback_query", "inline_query", "my_chat_member");

    /** The start-up calls, after getMe, that make Telegram hand updates to {@code workers}. */
    List<Connector.Step> open(UpdateWorkers workers);

    /** How receiving goes since the start-up calls went through at {@code since}. */
    HealthCheck.Result health(BotIdentity me, Instant since);

    /** The endpoints Telegram pushes to; none when polling. */
    List<HttpRoute> routes();

    /** Stops taking updates; an update in hand is still handled. Never throws. */
    @Override
    void close();
}
