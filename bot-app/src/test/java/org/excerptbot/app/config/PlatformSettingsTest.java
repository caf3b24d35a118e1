package org.excerptbot.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.platform.Platforms;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.discord.DiscordShards;
import org.excerptbot.discord.fake.FakeDiscord;
import org.junit.jupiter.api.Test;

/**
 * Each platform's settings as the loader builds them: Discord's sharding settings and their errors, Telegram's paid
 * broadcast and the limits it sets.
 */
class PlatformSettingsTest {
    private static AppConfig config(Map<String, String> env) {
        return ConfigLoader.load(Map.of(), env, Optional.empty());
    }

    private static Map<String, String> discord(String shards, String ids) {
        return Map.of("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN, "DISCORD_SHARDS", shards, "DISCORD_SHARD_IDS", ids);
    }

    @Test
    void thePaidBroadcastIsOffByDefaultAndWhenOnRaisesOnlyTelegramsOverallRate() {
        String token = "123456789:AAE_paid_broadcast_test_token_xyz";
        AppConfig free = config(Map.of("TELEGRAM_BOT_TOKEN", token));
        assertThat(free.telegram().orElseThrow().paidBroadcast()).isFalse();
        assertThat(Platforms.postLimits(free)).isEmpty();

        AppConfig paid = config(Map.of("TELEGRAM_BOT_TOKEN", token, "TELEGRAM_PAID_BROADCAST", "true"));
        assertThat(paid.telegram().orElseThrow().paidBroadcast()).isTrue();
        PlatformLimits limits = Platforms.postLimits(paid).get(Platform.TELEGRAM);
        assertThat(limits.perSecond()).isEqualTo(1000);
        assertThat(limits.chatPerSecond()).isEqualTo(PlatformLimits.TELEGRAM.chatPerSecond());
        assertThat(limits.groupPerMinute()).isEqualTo(PlatformLimits.TELEGRAM.groupPerMinute());
        assertThat(Platforms.postLimits(paid)).containsOnlyKeys(Platform.TELEGRAM);

        assertThatThrownBy(() -> config(Map.of("TELEGRAM_BOT_TOKEN", token, "TELEGRAM_PAID_BROADCAST", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "TELEGRAM_PAID_BROADCAST (telegram.paid-broadcast) from environment TELEGRAM_PAID_BROADCAST"
                                + " is 'yes', but it must be true or false.");
        assertThat(ConfigTemplate.text())
                .contains("  # Send daily posts with allow_paid_broadcast, paced at up to 1000 messages/s instead of"
                        + " about 30/s. Telegram charges 0.1 Telegram Stars per message sent so")
                .contains("  paid-broadcast: \"false\"");
    }

    @Test
    void oneConnectionByDefaultAndShardsWhenConfigured() {
        assertThat(config(Map.of("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN))
                        .discord()
                        .orElseThrow()
                        .shards())
                .isEqualTo(DiscordShards.NONE);
        assertThat(config(discord("4", "0-1")).discord().orElseThrow().shards())
                .isEqualTo(new DiscordShards(4, List.of(0, 1)));
        assertThat(config(discord("4", "3,0-1")).discord().orElseThrow().shards())
                .isEqualTo(new DiscordShards(4, List.of(0, 1, 3)));
        assertThat(config(discord("auto", "")).discord().orElseThrow().shards())
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
        assertThatThrownBy(() -> config(discord("2", "1-2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Discord: DISCORD_SHARD_IDS: shard 2 does not exist with DISCORD_SHARDS=2;"
                        + " shards are numbered 0-1.")
                .hasMessageContaining("DISCORD_SHARDS takes auto, a shard count");
        assertThatThrownBy(() -> config(Map.of("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN, "DISCORD_SHARD_IDS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Discord: DISCORD_SHARD_IDS needs DISCORD_SHARDS");
        assertThatThrownBy(() -> config(discord("2", "1-0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Discord: DISCORD_SHARD_IDS: range '1-0' runs backwards");
    }
}
