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
        assertThat(TelegramBot.telegramUrl(local.apiUrl()).getPort()).isEqualTo(8081);
        assertThat(TelegramBot.telegramUrl(s.apiUrl()).getPort()).isEqualTo(443);
    }

    @Test
    void neverShowsTheToken() {
        TelegramSettings s = TelegramSettings.of("123:SECRETSECRET", URI.create("http://127.0.0.1:1"));
        assertThat(s.toString()).doesNotContain("SECRETSECRET").contains("<redacted>");
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
