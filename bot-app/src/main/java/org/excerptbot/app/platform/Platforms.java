package org.excerptbot.app.platform;

import java.util.ArrayList;
import java.util.List;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.PlatformFactory;
import org.excerptbot.discord.DiscordPlatformFactory;
import org.excerptbot.telegram.TelegramPlatformFactory;

/**
 * The one place that names the platforms: a factory for each one the configuration sets up. Everything else
 * starts, checks and stops platforms through the port.
 */
public final class Platforms {
    private Platforms() {}

    /** A factory for each configured platform, in a fixed order (Telegram, then Discord). */
    public static List<PlatformFactory> configured(AppConfig config) {
        List<PlatformFactory> factories = new ArrayList<>();
        config.telegram().map(TelegramPlatformFactory::new).ifPresent(factories::add);
        config.discord().map(DiscordPlatformFactory::new).ifPresent(factories::add);
        return List.copyOf(factories);
    }

    /** For {@code doctor}: a skipped finding for each platform the configuration leaves out. */
    public static List<Diagnosis> unconfigured(AppConfig config) {
        List<Diagnosis> skipped = new ArrayList<>();
        if (config.telegram().isEmpty()) {
            skipped.add(new Diagnosis(Diagnosis.Level.SKIP, "telegram", "TELEGRAM_BOT_TOKEN is not set", ""));
        }
        if (config.discord().isEmpty()) {
            skipped.add(new Diagnosis(Diagnosis.Level.SKIP, "discord", "DISCORD_BOT_TOKEN is not set", ""));
        }
        return List.copyOf(skipped);
    }
}
