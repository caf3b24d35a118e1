package org.excerptbot.core.platform;

/**
 * The platform refused the configured credentials or settings (a revoked token, a webhook URL it will not use):
 * retrying cannot help, the self-hoster must change the configuration. The message says what to change.
 */
public final class PlatformRefusedException extends RuntimeException {
    public PlatformRefusedException(String message) {
        super(message);
    }

    public PlatformRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
