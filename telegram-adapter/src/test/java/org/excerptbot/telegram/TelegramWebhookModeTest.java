package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Webhook mode: setWebhook with the secret, no polling, and updates handed in by the endpoint are answered. */
class TelegramWebhookModeTest {
    @Test
    void setsTheWebhookAndAnswersUpdatesHandedIn() throws Exception {
        try (FakeBotApi api = FakeBotApi.start(TestBot.TOKEN)) {
            CommandDispatcher dispatcher = new CommandDispatcher(
                    TestCommands.registry(),
                    Messages.load(),
                    new FloodControl(20, Clock.systemUTC()),
                    CommandDispatcher.OwnerCheck.NOBODY);
            TelegramBot bot = TelegramBot.startWebhook(
                    TelegramSettings.of(TestBot.TOKEN, URI.create(api.url())),
                    dispatcher,
                    Messages.load(),
                    InlineSource.NONE,
                    new RecordingListener(),
                    URI.create("https://bot.example.org/telegram/webhook"),
                    "s3cret_TOKEN-1");
            try {
                assertThat(api.webhook()).containsExactly("https://bot.example.org/telegram/webhook", "s3cret_TOKEN-1");
                assertThat(api.calls("getUpdates")).isEmpty();
                assertThat(api.calls("deleteWebhook")).isEmpty();
                FakeBotApi.User ann = api.user(1001, "Ann", null);
                api.send(ann, "/echo <via webhook>");
                ObjectMapper json = new ObjectMapper();
                for (String update : api.takeUpdatesAsJson()) bot.accept(json.readValue(update, Update.class));
                await().until(() -> api.messages(ann.id()).size() == 1);
                assertThat(api.last(ann.id()).text()).isEqualTo("echo: <via webhook>");
                assertThat(api.calls("getUpdates")).isEmpty();
            } finally {
                bot.close();
            }
            assertThatThrownBy(() -> bot.accept(new Update())).isInstanceOf(IllegalStateException.class);
        }
    }
}
