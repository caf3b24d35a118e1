package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void shardsAreReadFromACountAndIdsOrRanges() {
        assertThat(DiscordShards.parse("", "")).isEqualTo(DiscordShards.NONE);
        assertThat(DiscordShards.parse(" 2 ", "0-1")).isEqualTo(new DiscordShards(2, List.of(0, 1)));
        assertThat(DiscordShards.parse("auto", "4-5,0"))
                .isEqualTo(new DiscordShards(DiscordShards.AUTO, List.of(0, 4, 5)));
        assertThat(DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_SHARDS", "3"))
                        .orElseThrow()
                        .shards())
                .isEqualTo(new DiscordShards(3, List.of()));
        assertThatThrownBy(() -> DiscordShards.parse("0", "")).hasMessageStartingWith("DISCORD_SHARDS: '0' is neither");
        assertThatThrownBy(() -> DiscordShards.parse("2", "2"))
                .hasMessage("DISCORD_SHARD_IDS: shard 2 does not exist with DISCORD_SHARDS=2; shards are numbered 0-1");
        assertThatThrownBy(() -> DiscordShards.parse("", "0")).hasMessageStartingWith("DISCORD_SHARD_IDS needs");
        assertThatThrownBy(() -> DiscordShards.parse("2", "a")).hasMessageContaining("not a shard id or range");
    }
}
