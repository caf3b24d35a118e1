package org.excerptbot.app.platform;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.PlatformLimits;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.PlatformFactory;
import org.excerptbot.discord.DiscordPlatformFactory;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;

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

    /**
     * The daily posts' limits that the configuration changes from the platforms' defaults: Telegram's paid broadcast
     * raises its overall rate to {@link TelegramSettings#PAID_BROADCAST_PER_SECOND}; per-chat and per-group limits
     * stay as they are.
     */
    public static Map<Platform, PlatformLimits> postLimits(AppConfig config) {
        Map<Platform, PlatformLimits> limits = new EnumMap<>(Platform.class);
        if (config.telegram().map(TelegramSettings::paidBroadcast).orElse(false)) {
            limits.put(Platform.TELEGRAM, PlatformLimits.TELEGRAM.withRate(TelegramSettings.PAID_BROADCAST_PER_SECOND));
        }
        return Map.copyOf(limits);
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
