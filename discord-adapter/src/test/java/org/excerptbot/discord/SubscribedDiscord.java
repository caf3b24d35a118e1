package org.excerptbot.discord;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.delivery.DeliveryConfig;
import org.excerptbot.core.delivery.DeliveryEngine;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.core.script.ScriptedPosts;
import org.excerptbot.core.store.JdbcChatPreferenceStore;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.discord.fake.FakeDiscord;

/**
 * The adapter with the subscription commands on H2 (with {@code /status} reading the delivery store) and the core's
 * delivery engine posting through its messenger (replies and posts in each chat's script), connected to a fake Discord that announces one server; closes all.
 */
final class SubscribedDiscord implements AutoCloseable {
    final TestDb db;
    final JdbcSubscriptionStore subscriptions;
    final JdbcDeliveryStore deliveries;
    final DiscordBot bot;
    final FakeDiscord discord;
    final DeliveryEngine engine;
    final ChatScripts scripts;

    /** @param server the server the gateway announces, made on the fake */
    SubscribedDiscord(
            MutableClock clock, DailyRotation rotation, ZoneId zone, Function<FakeDiscord, FakeDiscord.Guild> server)
            throws InterruptedException {
        db = TestDb.h2();
        try {
            subscriptions = new JdbcSubscriptionStore(db.dataSource());
            deliveries = new JdbcDeliveryStore(db.database());
            ExcerptPosts posts = new ExcerptPosts(DiscordBot.CORPUS, rotation, DiscordBot.MESSAGES);
            SubscriptionService service = new SubscriptionService(subscriptions, zone, clock, SlotListener.NONE);
            // as on Discord, the server comes in READY (unavailable) and GUILD_CREATE: JDA caches it with its roles
            // and computes members' permissions from them
            FakeDiscord fake = new FakeDiscord();
            fake.announceGuild(server.apply(fake));
            // each chat's script converts replies and posts, as the application wires it
            scripts = new ChatScripts(new JdbcChatPreferenceStore(db.dataSource()), ScriptConverter.hongKong());
            CommandDispatcher dispatcher = new CommandDispatcher(
                    DiscordBot.withSubscriptions(rotation, zone, clock, service, posts, deliveries),
                    DiscordBot.MESSAGES,
                    new FloodControl(1000, clock),
                    CommandDispatcher.OwnerCheck.NOBODY,
                    scripts);
            bot = new DiscordBot(
                    fake,
                    DiscordBot.context(
                            dispatcher, DiscordBot.NO_SEARCH, new SubscriptionChatStatus(subscriptions, clock), clock));
        } catch (RuntimeException | InterruptedException e) {
            db.close();
            throw e;
        }
        discord = bot.discord;
        engine = new DeliveryEngine(
                deliveries,
                subscriptions,
                List.of(bot.adapter.messenger()),
                new ScriptedPosts(
                        new ExcerptPosts(DiscordBot.CORPUS, rotation, DiscordBot.MESSAGES),
                        scripts,
                        DiscordBot.MESSAGES),
                clock,
                DeliveryConfig.builder().idlePoll(Duration.ofMillis(20)).build());
    }

    @Override
    public void close() {
        engine.stop();
        bot.close();
        db.close();
    }
}
