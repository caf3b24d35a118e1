package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {
    @Test
    void readsTheEnvironmentAndDefaultsTheUrl() {
        assertThat(TelegramSettings.fromEnvironment(Map.of())).isEmpty();
        TelegramSettings s = TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", " 1:abc "))
                .orElseThrow();
        assertThat(s.token()).isEqualTo("1:abc");
        assertThat(s.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(s.maxBackOff()).isEqualTo(Duration.ofSeconds(30));
        TelegramSettings local = TelegramSettings.fromEnvironment(
                        Map.of("TELEGRAM_BOT_TOKEN", "1:abc", "TELEGRAM_API_URL", "http://127.0.0.1:8081"))
                .orElseThrow();
        assertThat(BotApiClients.telegramUrl(local.apiUrl()).getPort()).isEqualTo(8081);
        assertThat(BotApiClients.telegramUrl(s.apiUrl()).getPort()).isEqualTo(443);
    }

    @Test
    void neverShowsTheTokenNorTheWebhookSecret() {
        TelegramSettings s = TelegramSettings.of("123:SECRETSECRET", URI.create("http://127.0.0.1:1"));
        assertThat(s.toString()).doesNotContain("SECRETSECRET").contains("<redacted>", "long polling");
        TelegramSettings hooked = s.withWebhook(URI.create("https://bot.example.org/tg"), "hook_SECRET-1");
        assertThat(hooked.toString())
                .doesNotContain("SECRETSECRET")
                .doesNotContain("hook_SECRET-1")
                .contains("https://bot.example.org/tg");
    }

    @Test
    void aWebhookListensOnItsUrlsPathOrTheDefault() {
        TelegramSettings s = TelegramSettings.of("1:abc", URI.create("http://127.0.0.1:1"));
        assertThat(s.webhook()).isEmpty();
        assertThat(s.withWebhook(URI.create("https://bot.example.org/tg/updates"), "s")
                        .webhook()
                        .orElseThrow()
                        .path())
                .isEqualTo("/tg/updates");
        assertThat(s.withWebhook(URI.create("https://bot.example.org"), "s")
                        .webhook()
                        .orElseThrow()
                        .path())
                .isEqualTo(TelegramSettings.Webhook.DEFAULT_PATH)
                .isEqualTo("/telegram/webhook");
        assertThat(s.withWebhook(URI.create("https://bot.example.org/"), "s")
                        .webhook()
                        .orElseThrow()
                        .path())
                .isEqualTo("/telegram/webhook");
        assertThat(s.withWebhook(URI.create("https://bot.example.org/tg"), "s")
                        .withWorkers(2)
                        .webhook())
                .as("kept by the other with-ers")
                .isPresent();
    }

    @Test
    void refusesAWebhookTelegramWouldRefuse() {
        TelegramSettings s = TelegramSettings.of("1:abc", URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> s.withWebhook(URI.create("https://bot.example.org/tg"), "has space"))
                .hasMessageStartingWith("secret:");
        assertThatThrownBy(() -> s.withWebhook(URI.create("https://bot.example.org/tg"), "x".repeat(257)))
                .hasMessageStartingWith("secret:");
        assertThatThrownBy(() -> s.withWebhook(URI.create("https://bot.example.org/tg"), ""))
                .hasMessageStartingWith("secret:");
        assertThatThrownBy(() -> s.withWebhook(URI.create("ftp://bot.example.org/tg"), "s"))
                .hasMessageStartingWith("url:");
        assertThatThrownBy(() -> s.withWebhook(URI.create("/tg"), "s")).hasMessageStartingWith("url:");
        assertThat(s.withWebhook(
                                URI.create("https://bot.example.org/tg"),
                                "Az_0-9-".repeat(37).substring(0, 256))
                        .webhook())
                .isPresent();
    }

    @Test
    void readsTheWebhookFromTheEnvironment() {
        TelegramSettings s = TelegramSettings.fromEnvironment(Map.of(
                        "TELEGRAM_BOT_TOKEN", "1:abc",
                        "TELEGRAM_WEBHOOK_URL", " https://bot.example.org/tg ",
                        "TELEGRAM_WEBHOOK_SECRET", "s3cret"))
                .orElseThrow();
        assertThat(s.webhook())
                .contains(new TelegramSettings.Webhook(URI.create("https://bot.example.org/tg"), "s3cret"));
        assertThatThrownBy(() -> TelegramSettings.fromEnvironment(
                        Map.of("TELEGRAM_BOT_TOKEN", "1:abc", "TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg")))
                .hasMessageStartingWith("TELEGRAM_WEBHOOK_SECRET:");
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertThatThrownBy(() -> TelegramSettings.of(" ", URI.create("http://x")))
                .hasMessageStartingWith("token:");
        assertThatThrownBy(() -> TelegramSettings.of("1:a/b", URI.create("http://x")))
                .hasMessageStartingWith("token:");
        assertThatThrownBy(() -> TelegramSettings.of("1:a", URI.create("ftp://x")))
                .hasMessageStartingWith("apiUrl:");
        assertThatThrownBy(() -> TelegramSettings.of("1:a", URI.create("http://x/prefix")))
                .hasMessageStartingWith("apiUrl:");
        assertThatThrownBy(
                        () -> TelegramSettings.of("1:a", URI.create("http://x")).withWorkers(0))
                .hasMessageStartingWith("workers:");
    }

    @Test
    void backOffGrowsAndIsCapped() {
        CappedBackOff b = CappedBackOff.upTo(Duration.ofSeconds(30));
        long previous = 0;
        long last = 0;
        for (int i = 0; i < 40; i++) {
            last = b.nextBackOffMillis();
            assertThat(last).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(30_000);
            previous = last;
        }
        assertThat(last).isEqualTo(30_000);
        b.reset();
        assertThat(b.nextBackOffMillis()).isEqualTo(500);
    }
}
