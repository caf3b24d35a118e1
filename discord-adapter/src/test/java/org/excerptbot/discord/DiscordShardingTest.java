package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.Test;

/**
 * Sharding through JDA's shard manager against the fake gateway, which routes each server's events to the shard
 * {@code (guild_id >> 22) % total} on its own connection: one instance running both shards answers in both servers;
 * two instances running one shard each share a database, and the daily post goes out once.
 */
class DiscordShardingTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Slot SLOT = new Slot(LocalTime.of(7, 30), SHANGHAI);
    private static final Instant DUE = SLOT.dueOn(LocalDate.of(2026, 11, 30));
    /** On shard 0 of 2; the test server {@link FakeDiscord#GUILD_ID} is on shard 1. */
    private static final String OTHER_GUILD = "1100000000004194305";

    private static final FakeDiscord.Role MODERATORS = DiscordBot.MODERATORS;

    private final MutableClock clock = new MutableClock(DUE.minus(Duration.ofHours(1)));
    private final DailyRotation rotation =
            new DailyRotation(ExcerptPool.build(DiscordBot.CORPUS), DailyRotation.DEFAULT_SEED);

    /** A fake Discord with the test server (shard 1 of 2) and a second one, #lobby's (shard 0 of 2). */
    private static FakeDiscord twoServers(FakeDiscord.Channel lobby) {
        FakeDiscord discord = new FakeDiscord();
        discord.announceGuild(discord.testGuild(MODERATORS));
        discord.announceGuild(
                new FakeDiscord.Guild(OTHER_GUILD, "Other readers", discord.owner.id(), List.of(), List.of(lobby)));
        return discord;
    }

    private CommandRegistry registry(SubscriptionService service, ExcerptPosts posts) {
        return DiscordBot.withSubscriptions(rotation, SHANGHAI, clock, service, posts);
    }

    @Test
    void oneInstanceRunsBothShardsAndAnswersInEachServer() throws InterruptedException {
        FakeDiscord.Channel lobby = FakeDiscord.Channel.text("1200000000000000101", "lobby", OTHER_GUILD);
        FakeDiscord discord = twoServers(lobby);
        try (TestDb db = TestDb.h2();
                DiscordBot bot = new DiscordBot(
                        discord,
                        new DiscordShards(2, List.of()),
                        registry(
                                new SubscriptionService(
                                        new JdbcSubscriptionStore(db.dataSource()), SHANGHAI, clock, SlotListener.NONE),
                                new ExcerptPosts(DiscordBot.CORPUS, rotation, DiscordBot.MESSAGES)),
                        DiscordBot.NO_SEARCH,
                        null,
                        Clock.systemUTC())) {
            assertThat(discord.identifiedShards()).containsExactly("0/2", "1/2");
            assertThat(bot.adapter.gatewayStatus()).isEqualTo(Map.of(0, JDA.Status.CONNECTED, 1, JDA.Status.CONNECTED));
            // each shard was sent only its own server
            JDA shard0 = bot.adapter.connections().get(0);
            JDA shard1 = bot.adapter.connections().get(1);
            assertThat(shard0.getGuilds()).extracting(g -> g.getId()).containsExactly(OTHER_GUILD);
            assertThat(shard1.getGuilds()).extracting(g -> g.getId()).containsExactly(FakeDiscord.GUILD_ID);

            String first = DiscordBot.CORPUS.principles().get(0).paragraph().text();
            FakeMessage inLobby = discord.awaitReply(
                    discord.slash("principle").in(lobby).option("number", 1).send());
            FakeMessage inGeneral = discord.awaitReply(
                    discord.slash("principle").option("number", 1).send());
            assertThat(inLobby.text()).isEqualTo(first);
            assertThat(inLobby.channelId()).isEqualTo(lobby.id());
            assertThat(inGeneral.text()).isEqualTo(first);
            assertThat(inGeneral.channelId()).isEqualTo(discord.general.id());
        }
    }

    @Test
    void twoInstancesWithOneShardEachShareTheDatabaseAndPostOnce() throws InterruptedException {
        FakeDiscord.Channel lobby = FakeDiscord.Channel.text("1200000000000000101", "lobby", OTHER_GUILD);
        FakeDiscord discord = twoServers(lobby);
        try (TestDb db = TestDb.h2();
                DiscordBot shard0 = instance(discord, db, 0);
                DiscordBot shard1 = instance(discord, db, 1)) {
            assertThat(discord.identifiedShards()).containsExactly("0/2", "1/2");
            // the test server's interactions reach the instance running shard 1, #lobby's the one running shard 0
            FakeMessage subscribed = discord.awaitReply(discord.slash("subscribe")
                    .roles(MODERATORS)
                    .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                    .option("channel", discord.announcements)
                    .option("time", "07:30")
                    .send());
            assertThat(subscribed.ephemeral()).isFalse();
            assertThat(discord.awaitReply(discord.slash("about").in(lobby).send())
                            .channelId())
                    .isEqualTo(lobby.id());

            JdbcDeliveryStore deliveries = new JdbcDeliveryStore(db.database());
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            ExcerptPosts posts = new ExcerptPosts(DiscordBot.CORPUS, rotation, DiscordBot.MESSAGES);
            List<DeliveryEngine> engines = List.of(shard0, shard1).stream()
                    .map(bot -> new DeliveryEngine(
                            new JdbcDeliveryStore(db.database()),
                            subscriptions,
                            List.of(bot.adapter.messenger()),
                            posts,
                            clock,
                            DeliveryConfig.builder()
                                    .idlePoll(Duration.ofMillis(20))
                                    .build()))
                    .toList();
            try {
                engines.forEach(DeliveryEngine::start);
                clock.set(DUE);
                // both instances' schedulers fire the slot; the database hands each post to one of them
                int queued =
                        engines.stream().mapToInt(e -> e.slotDue(SLOT, DUE)).sum();
                assertThat(queued).isEqualTo(1);
                await("the post delivered")
                        .until(() -> deliveries.countByStatus().getOrDefault(DeliveryStatus.SENT, 0) == 1);
            } finally {
                engines.forEach(DeliveryEngine::stop);
            }
            assertThat(discord.messagesIn(discord.announcements)).hasSize(1);
            assertThat(discord.calls("POST", "channels/" + discord.announcements.id() + "/messages"))
                    .hasSize(1);
        }
    }

    private DiscordBot instance(FakeDiscord discord, TestDb db, int shard) throws InterruptedException {
        JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
        return new DiscordBot(
                discord,
                new DiscordShards(2, List.of(shard)),
                registry(
                        new SubscriptionService(subscriptions, SHANGHAI, clock, SlotListener.NONE),
                        new ExcerptPosts(DiscordBot.CORPUS, rotation, DiscordBot.MESSAGES)),
                DiscordBot.NO_SEARCH,
                new SubscriptionChatStatus(subscriptions, clock),
                clock);
    }
}
