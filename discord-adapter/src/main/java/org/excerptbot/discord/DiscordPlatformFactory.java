package org.excerptbot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.PlatformContext;
import org.excerptbot.core.platform.PlatformFactory;
import org.excerptbot.core.platform.PlatformRefusedException;

/**
 * Discord for the application: makes the {@link DiscordAdapter} from the {@link DiscordSettings}, and checks the
 * settings for {@code doctor} ({@code GET users/@me} with the token).
 */
public final class DiscordPlatformFactory implements PlatformFactory {
    private final DiscordSettings settings;

    public DiscordPlatformFactory(DiscordSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    /**
     * The adapter, not started yet: {@link DiscordAdapter#start()} connects, and throws {@link
     * PlatformRefusedException} if Discord refuses the token.
     */
    @Override
    public DiscordAdapter create(PlatformContext context) {
        return new DiscordAdapter(settings, context);
    }

    /** One finding: whether {@code DISCORD_API_URL} answers and accepts {@code DISCORD_BOT_TOKEN}. */
    @Override
    public List<Diagnosis> diagnose(Duration timeout) {
        return List.of(new TokenCheck(settings, timeout).run());
    }
}
