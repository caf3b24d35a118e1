package org.excerptbot.core.platform;

import java.time.Duration;
import java.util.List;
import org.excerptbot.core.command.Platform;

/**
 * Port: makes one platform's adapter from that platform's settings, which the factory was built with. Each adapter
 * module provides one; the application lists the configured factories in one place and names no platform
 * elsewhere.
 */
public interface PlatformFactory {
    Platform platform();

    /** The adapter, not started yet. */
    PlatformAdapter create(PlatformContext context);

    /**
     * Checks the settings against the platform without starting anything (for {@code doctor}): whether the
     * platform can be reached and accepts the credentials, and what to fix if not.
     */
    List<Diagnosis> diagnose(Duration timeout);
}
