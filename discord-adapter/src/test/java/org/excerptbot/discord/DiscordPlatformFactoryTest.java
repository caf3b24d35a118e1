package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.metrics.HealthCheck;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.PlatformRefusedException;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discord as the application runs it through the platform port: {@code doctor}'s check of the settings, a start that
 * Discord refuses or that fails half-way, and the health of the gateway connections.
 */
class DiscordPlatformFactoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CommandRegistry ABOUT =
            CommandRegistry.of(List.of(CommandSpec.everyone("about", List.of(), c -> Reply.notice("about"))));

    private final FakeDiscord discord = new FakeDiscord();

    @AfterEach
    void stop() {
        discord.close();
    }

    private DiscordSettings settings(String token) {
        return new DiscordSettings(token, discord.apiUrl(), discord.gatewayUrl());
    }

    private static DiscordAdapter adapter(DiscordSettings settings) {
        return new DiscordPlatformFactory(settings)
                .create(DiscordBot.context(ABOUT, DiscordBot.NO_SEARCH, ChatStatusListener.IGNORE, Clock.systemUTC()));
    }

    private static Diagnosis diagnose(DiscordSettings settings, Duration timeout) {
        List<Diagnosis> findings = new DiscordPlatformFactory(settings).diagnose(timeout);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).subject()).isEqualTo("discord");
        return findings.get(0);
    }

    @Test
    void isDiscord() {
        assertThat(new DiscordPlatformFactory(settings(FakeDiscord.TOKEN)).platform())
                .isEqualTo(Platform.DISCORD);
    }

    @Test
    void doctorNamesTheBotWhenDiscordAcceptsTheToken() {
        Diagnosis found = diagnose(settings(FakeDiscord.TOKEN), TIMEOUT);

        assertThat(found.level()).isEqualTo(Diagnosis.Level.OK);
        assertThat(found.detail()).isEqualTo("token accepted: ExcerptBot (id " + FakeDiscord.APPLICATION_ID + ")");
        assertThat(found.fix()).isEmpty();
        assertThat(discord.calls("GET", "users/@me").get(0).headers())
                .containsEntry("Authorization", "Bot " + FakeDiscord.TOKEN);
    }

    @Test
    void doctorSaysHowToReplaceARefusedToken() {
        Diagnosis found = diagnose(settings("MTAwMDAwMDAwMDAwMDAwMDAx.revoked.token"), TIMEOUT);

        assertThat(found.level()).isEqualTo(Diagnosis.Level.FAIL);
        assertThat(found.detail())
                .isEqualTo("users/@me at " + discord.apiUrl() + " answered 401 (401: Unauthorized)")
                .doesNotContain("revoked");
        assertThat(found.fix())
                .isEqualTo("Discord refused DISCORD_BOT_TOKEN: in the developer portal, Bot, Reset Token, and paste"
                        + " the new one");
    }

    @Test
    void doctorSuggestsTryingAgainWhenDiscordAnswersWithAnError() {
        discord.refuseNext("GET", "users/@me", 502, 0, "Bad Gateway");

        Diagnosis found = diagnose(settings(FakeDiscord.TOKEN), TIMEOUT);

        assertThat(found.level()).isEqualTo(Diagnosis.Level.FAIL);
        assertThat(found.detail()).isEqualTo("users/@me at " + discord.apiUrl() + " answered 502 (Bad Gateway)");
        assertThat(found.fix()).isEqualTo("try again later; if it persists, check DISCORD_API_URL");
    }

    @Test
    void doctorAsksWhetherTheApiUrlIsReachableWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String api = "http://127.0.0.1:" + closedPort + "/api/v10/";

        Diagnosis found = diagnose(new DiscordSettings(FakeDiscord.TOKEN, api, discord.gatewayUrl()), TIMEOUT);

        assertThat(found.level()).isEqualTo(Diagnosis.Level.FAIL);
        assertThat(found.detail()).isEqualTo("users/@me at " + api + ": connection refused");
        assertThat(found.fix()).isEqualTo("is DISCORD_API_URL reachable?");
    }

    @Test
    void doctorAsksWhetherTheApiUrlIsReachableWhenNoAnswerComesInTime() throws IOException {
        // the connection is taken (by the socket's backlog) but never answered
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String api = "http://127.0.0.1:" + silent.getLocalPort() + "/api/v10/";

            Diagnosis found =
                    diagnose(new DiscordSettings(FakeDiscord.TOKEN, api, discord.gatewayUrl()), Duration.ofMillis(300));

            assertThat(found.level()).isEqualTo(Diagnosis.Level.FAIL);
            assertThat(found.detail()).isEqualTo("users/@me at " + api + ": no answer within 300 ms");
            assertThat(found.fix()).isEqualTo("is DISCORD_API_URL reachable?");
        }
    }

    @Test
    void aRefusedTokenStopsTheStartWithWhatToCheck() {
        DiscordAdapter adapter = adapter(settings("MTAwMDAwMDAwMDAwMDAwMDAx.revoked.token"));

        assertThatThrownBy(adapter::start)
                .isInstanceOf(PlatformRefusedException.class)
                .hasMessageContaining("check DISCORD_BOT_TOKEN");
        assertThat(adapter.health().check()).isEqualTo(HealthCheck.Result.down("stopped"));
        assertThat(discord.botConnected()).isFalse();
    }

    @Test
    void aRefusedTokenStopsAShardedStartToo() {
        // with the shard count left to Discord, the first request is GET gateway/bot
        DiscordAdapter adapter = adapter(settings("MTAwMDAwMDAwMDAwMDAwMDAx.revoked.token")
                .withShards(new DiscordShards(DiscordShards.AUTO, List.of())));

        assertThatThrownBy(adapter::start)
                .isInstanceOf(PlatformRefusedException.class)
                .hasMessageContaining("check DISCORD_BOT_TOKEN");
        assertThat(discord.botConnected()).isFalse();
    }

    @Test
    void aStartThatFailsAfterConnectingDisconnectsAgain() {
        discord.refuseNext("PUT", "applications/*/commands", 400, 50035, "Invalid Form Body");
        DiscordAdapter adapter = adapter(settings(FakeDiscord.TOKEN));

        assertThatThrownBy(adapter::start).isInstanceOf(ErrorResponseException.class);

        await("the gateway connection closed").until(() -> !discord.botConnected());
        assertThat(adapter.health().check()).isEqualTo(HealthCheck.Result.down("stopped"));
        assertThatThrownBy(adapter::messenger)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Discord adapter is closed");
    }

    @Test
    void healthIsUpWhileEveryShardIsConnectedAndNamesTheOneThatIsNot() throws InterruptedException {
        DiscordAdapter adapter = adapter(settings(FakeDiscord.TOKEN).withShards(new DiscordShards(2, List.of(0, 1))));
        HealthCheck health = adapter.health();
        assertThat(health.check()).isEqualTo(HealthCheck.Result.down("starting"));
        assertThatThrownBy(adapter::messenger)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Discord adapter has not started");
        try (adapter) {
            adapter.start();
            assertThat(discord.identifiedShards()).containsExactly("0/2", "1/2");
            assertThat(health.check()).isEqualTo(HealthCheck.Result.up("gateway connected"));

            discord.refuseShard(1);
            HealthCheck.Result down = await("shard 1 reported down").until(health::check, r -> !r.up());
            assertThat(down.detail()).startsWith("gateway shard 0: CONNECTED, shard 1: ");

            discord.acceptShard(1);
            await("shard 1 back").atMost(Duration.ofSeconds(60)).until(() -> health.check()
                    .up());
        }
        assertThat(health.check()).isEqualTo(HealthCheck.Result.down("stopped"));
    }
}
