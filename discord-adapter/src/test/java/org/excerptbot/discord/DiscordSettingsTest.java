package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {
    @Test
    void readsTheThreeVariablesWithDiscordsDefaults() {
        assertThat(DiscordSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", "  ")))
                .isEmpty();
        DiscordSettings defaults = DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", "abc.def"))
                .orElseThrow();
        assertThat(defaults.apiUrl()).isEqualTo("https://discord.com/api/v10/");
        assertThat(defaults.gatewayUrl()).isEqualTo("wss://gateway.discord.gg/");
        DiscordSettings local = DiscordSettings.fromEnvironment(Map.of(
                        "DISCORD_BOT_TOKEN", "abc.def",
                        "DISCORD_API_URL", "http://127.0.0.1:8080/api/v10",
                        "DISCORD_GATEWAY_URL", "ws://127.0.0.1:8081/"))
                .orElseThrow();
        assertThat(local.apiUrl()).isEqualTo("http://127.0.0.1:8080/api/v10/");
        assertThat(local.gatewayUrl()).isEqualTo("ws://127.0.0.1:8081/");
    }

    @Test
    void neverShowsTheTokenAndNamesABadSetting() {
        assertThat(DiscordSettings.of("secret-token").toString())
                .doesNotContain("secret-token")
                .contains("<hidden>");
        assertThatThrownBy(() -> new DiscordSettings("t", "ftp://example.org/", DiscordSettings.DEFAULT_GATEWAY_URL))
                .hasMessage("apiUrl: must be an absolute http or https URL, was 'ftp://example.org/'");
        assertThatThrownBy(
                        () -> new DiscordSettings("t", DiscordSettings.DEFAULT_API_URL, "https://gateway.discord.gg/"))
                .hasMessageStartingWith("gatewayUrl: must be an absolute ws or wss URL");
        assertThatThrownBy(() -> DiscordSettings.of(" ")).hasMessage("token: must not be blank");
    }
}
