package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.Diagnosis.Level;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code doctor}'s Telegram findings, against the fake Bot API: what was found and what to fix. */
class TelegramDiagnosisTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final URI HOOK = URI.create("https://bot.example.org/tg/updates");

    private FakeBotApi api;

    @BeforeEach
    void start() {
        api = FakeBotApi.start(TestBot.TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** The findings about the token and the webhook; the last one, always there, says what daily posts cost. */
    private List<Diagnosis> diagnose(TelegramSettings settings) {
        List<Diagnosis> found = new TelegramPlatformFactory(settings).diagnose(TIMEOUT);
        assertThat(found.toString()).doesNotContain(settings.token()).doesNotContain("AAE-");
        assertThat(found.get(found.size() - 1)).isEqualTo(TelegramDiagnosis.paidBroadcast(settings));
        return found.subList(0, found.size() - 1);
    }

    @Test
    void whatDailyPostsCostIsStatedFreeOrPerMessage() {
        Diagnosis free = TelegramDiagnosis.paidBroadcast(settings());
        assertThat(free.level()).isEqualTo(Level.OK);
        assertThat(free.detail()).contains("free at about 30 messages/s", "0.1 Telegram Stars per message");
        Diagnosis paid = TelegramDiagnosis.paidBroadcast(settings().withPaidBroadcast(true));
        assertThat(paid.level()).isEqualTo(Level.WARN);
        assertThat(paid.detail())
                .isEqualTo("paid broadcast on: daily posts are sent with allow_paid_broadcast at up to 1000 messages/s;"
                        + " Telegram charges 0.1 Telegram Stars per message, withdrawn from the bot's Star balance");
    }

    private TelegramSettings settings() {
        return TelegramSettings.of(TestBot.TOKEN, URI.create(api.url()));
    }

    @Test
    void anAcceptedTokenWithoutAWebhookPasses() {
        assertThat(diagnose(settings()))
                .containsExactly(
                        new Diagnosis(
                                Level.OK,
                                "telegram",
                                "token accepted: @" + FakeBotApi.BOT_USERNAME + " (id " + FakeBotApi.BOT_ID + ")",
                                ""),
                        new Diagnosis(Level.OK, "webhook", "none set: the bot uses long polling", ""));
    }

    @Test
    void aRefusedTokenFailsAndSaysWhereToGetANewOne() {
        String revoked = "7000000001:AAE-revoked_TOKEN-value-000000000abc";
        List<Diagnosis> found = diagnose(TelegramSettings.of(revoked, URI.create(api.url())));
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.FAIL);
            assertThat(d.subject()).isEqualTo("telegram");
            assertThat(d.detail()).isEqualTo("getMe at " + api.url() + " answered 401 (Unauthorized)");
            assertThat(d.fix()).startsWith("Telegram refused TELEGRAM_BOT_TOKEN: copy it again from @BotFather");
        });
    }

    @Test
    void aServerErrorOrAnAnswerThatIsNotFromABotApiFailsWithWhatItWas() {
        api.fail("getMe", 500, "Internal Server Error", 1);
        assertThat(diagnose(settings())).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.FAIL);
            assertThat(d.detail()).isEqualTo("getMe at " + api.url() + " answered 500 (Internal Server Error)");
            assertThat(d.fix()).isEqualTo("try again later; if it persists, check TELEGRAM_API_URL");
        });
        api.answerUnreadably("getMe", 200, "<html>It works!</html>", 1);
        assertThat(diagnose(settings())).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.FAIL);
            assertThat(d.detail())
                    .startsWith("getMe at " + api.url() + " answered with something that is not a Bot API answer");
            assertThat(d.fix()).contains("TELEGRAM_API_URL points at a Bot API server");
        });
    }

    @Test
    void aBotApiThatCannotBeReachedFailsWithWhereToLook() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TelegramSettings nowhere = TelegramSettings.of(TestBot.TOKEN, URI.create("http://127.0.0.1:" + closed));
        assertThat(diagnose(nowhere)).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.FAIL);
            assertThat(d.detail()).isEqualTo("getMe at http://127.0.0.1:" + closed + ": connection refused");
            assertThat(d.fix()).isEqualTo("is TELEGRAM_API_URL right and reachable from here (proxy, firewall, DNS)?");
        });
        // a server that takes the connection and never answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TelegramSettings mute =
                    TelegramSettings.of(TestBot.TOKEN, URI.create("http://127.0.0.1:" + silent.getLocalPort()));
            List<Diagnosis> found = new TelegramPlatformFactory(mute).diagnose(Duration.ofSeconds(1));
            assertThat(found.subList(0, found.size() - 1)).singleElement().satisfies(d -> assertThat(d.detail())
                    .isEqualTo("getMe at " + mute.apiUrl() + ": no answer within 1 s"));
        }
    }

    @Test
    void aWebhookIsComparedWithTheOneTelegramHas() {
        TelegramSettings hooked = settings().withWebhook(HOOK, "s3cret");
        assertThat(diagnose(hooked))
                .element(1)
                .isEqualTo(new Diagnosis(
                        Level.WARN, "webhook", "Telegram has no webhook; the bot sets " + HOOK + " at start", ""));

        api.setWebhook(HOOK.toString());
        assertThat(diagnose(hooked)).element(1).isEqualTo(new Diagnosis(Level.OK, "webhook", HOOK + " is set", ""));

        api.webhookDeliveryFailed("Connection timed out");
        assertThat(diagnose(hooked)).element(1).satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.WARN);
            assertThat(d.detail())
                    .isEqualTo(HOOK + " is set, but Telegram's last delivery failed: Connection timed out (0 updates"
                            + " pending)");
            assertThat(d.fix()).contains("443, 80, 88 or 8443");
        });

        assertThat(diagnose(settings())).element(1).satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.WARN);
            assertThat(d.detail())
                    .isEqualTo("Telegram has a webhook at " + HOOK + ", but TELEGRAM_WEBHOOK_URL is empty");
            assertThat(d.fix()).startsWith("long polling deletes that webhook at start");
        });
    }

    @Test
    void aWebhookUrlTelegramDoesNotDeliverToIsAWarning() {
        URI plain = URI.create("http://bot.example.org:8080/tg");
        api.setWebhook(plain.toString());
        List<Diagnosis> found = diagnose(settings().withWebhook(plain, "s3cret"));
        assertThat(found).hasSize(3);
        assertThat(found.get(2)).satisfies(d -> {
            assertThat(d.level()).isEqualTo(Level.WARN);
            assertThat(d.detail()).startsWith(plain + " is not https on port 443, 80, 88 or 8443");
        });
    }
}
