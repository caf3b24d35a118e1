package org.excerptbot.app.it;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.app.platform.TelegramPlatform;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.telegram.TelegramBot;

/**
 * Starts the Telegram platform from the configuration in the environment (TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL),
 * the way Main does, for {@link TelegramJarIT}: run with the packaged jar first on the class path, so that every
 * library class (TelegramBots, OkHttp, Jackson, Lucene, Logback) comes from the fat jar.
 */
public final class TelegramJarLauncher {
    private TelegramJarLauncher() {}

    public static void main(String[] args) throws InterruptedException {
        AppConfig config = ConfigLoader.load(Map.of(), System.getenv(), Optional.empty());
        CoreServices core = CoreServices.build(config, Clock.systemUTC(), ChatZones.fixed(config.zone()), List.of());
        TelegramBot bot = TelegramPlatform.start(
                TelegramPlatform.settings(config).orElseThrow(), core, config.zone(), ChatStatusListener.IGNORE);
        Runtime.getRuntime().addShutdownHook(new Thread(bot::close));
        System.out.println("Telegram launcher: @" + bot.username() + " started");
        new CountDownLatch(1).await();
    }
}
