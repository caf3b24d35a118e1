package org.excerptbot.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigException;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.discord.DiscordSettings;
import org.excerptbot.discord.DiscordShards;
import org.excerptbot.discord.fake.FakeDiscord;
import org.junit.jupiter.api.Test;

/**
 * The Discord platform as Main runs it: the sharding settings and their errors, and the gateway status that
 * {@code /healthz} reports, which covers every shard this instance runs.
 */
class DiscordPlatformTest {
    private static AppConfig config(Map<String, String> env) {
        return ConfigLoader.load(Map.of(), env, Optional.empty());
    }

    private static Map<String, String> discord(String shards, String ids) {
        return Map.of("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN, "DISCORD_SHARDS", shards, "DISCORD_SHARD_IDS", ids);
    }

    @Test
    void oneConnectionByDefaultAndShardsWhenConfigured() {
        assertThat(DiscordPlatform.settings(config(Map.of("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN)))
                        .orElseThrow()
                        .shards())
                .isEqualTo(DiscordShards.NONE);
        assertThat(DiscordPlatform.settings(config(discord("4", "0-1")))
                        .orElseThrow()
                        .shards())
                .isEqualTo(new DiscordShards(4, List.of(0, 1)));
        assertThat(DiscordPlatform.settings(config(discord("4", "3,0-1")))
                        .orElseThrow()
                        .shards())
                .isEqualTo(new DiscordShards(4, List.of(0, 1, 3)));
        assertThat(DiscordPlatform.settings(config(discord("auto", "")))
                        .orElseThrow()
                        .shards())
                .isEqualTo(new DiscordShards(DiscordShards.AUTO, List.of()));
    }

    @Test
    void badShardSettingsNameTheKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> config(discord("two", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DISCORD_SHARDS (discord.shards) from environment DISCORD_SHARDS is 'two'")
                .hasMessageContaining("auto, a shard count 1-1024, or empty for one gateway connection");
        assertThatThrownBy(() -> config(discord("2", "first")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DISCORD_SHARD_IDS (discord.shard-ids) from environment DISCORD_SHARD_IDS is")
                .hasMessageContaining("such as 0-1 or 0,2,4-5");
        assertThatThrownBy(() -> DiscordPlatform.settings(config(discord("2", "1-2"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Discord: DISCORD_SHARD_IDS: shard 2 does not exist with DISCORD_SHARDS=2;"
                        + " shards are numbered 0-1.")
                .hasMessageContaining("DISCORD_SHARDS takes auto, a shard count");
        assertThatThrownBy(() -> DiscordPlatform.settings(
                        config(Map.of("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN, "DISCORD_SHARD_IDS", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Discord: DISCORD_SHARD_IDS needs DISCORD_SHARDS");
        assertThatThrownBy(() -> DiscordPlatform.settings(config(discord("2", "1-0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Discord: DISCORD_SHARD_IDS: range '1-0' runs backwards");
    }

    @Test
    void theGatewayStatusCoversEveryShard() throws InterruptedException {
        AppConfig config = config(Map.of());
        CoreServices core = CoreServices.build(config, Clock.systemUTC(), ChatZones.fixed(config.zone()));
        try (FakeDiscord discord = new FakeDiscord();
                DiscordPlatform platform = DiscordPlatform.start(
                        new DiscordSettings(
                                FakeDiscord.TOKEN,
                                discord.apiUrl(),
                                discord.gatewayUrl(),
                                new DiscordShards(2, List.of(0, 1))),
                        core,
                        ChatStatusListener.IGNORE)) {
            assertThat(discord.identifiedShards()).containsExactly("0/2", "1/2");
            assertThat(platform.gatewayStatus()).isEqualTo("CONNECTED");

            discord.refuseShard(1);
            String down = await("shard 1 reported down").until(platform::gatewayStatus, s -> !s.equals("CONNECTED"));
            assertThat(down).startsWith("shard 0: CONNECTED, shard 1: ");

            discord.acceptShard(1);
            await("shard 1 back").atMost(Duration.ofSeconds(60)).until(() -> platform.gatewayStatus()
                    .equals("CONNECTED"));
        }
    }
}
