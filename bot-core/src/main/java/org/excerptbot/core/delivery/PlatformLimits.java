package org.excerptbot.core.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The sending limits of one platform.
 *
 * @param perSecond the platform's limit in messages per second overall (0: no limit)
 * @param headroom the share of {@code perSecond} left unused: sends are paced at a steady
 *     {@code perSecond * (1 - headroom)} per second, never in bursts, so that network jitter does not push any
 *     one-second window over the platform's limit (0 to under 1)
 * @param chatPerSecond messages per second to one chat (0: no limit)
 * @param chatBurst how many messages one chat may take at once
 * @param groupPerMinute messages per minute to one group or channel (0: no limit)
 * @param maxPlatformPause the longest a 429 pauses the whole platform (the chat itself waits the full
 *     {@code retry_after})
 */
public record PlatformLimits(
        double perSecond,
        double headroom,
        double chatPerSecond,
        int chatBurst,
        int groupPerMinute,
        Duration maxPlatformPause) {
    /** Telegram: about 30 messages/s overall (paced at 29.4/s), 1/s per chat, 20/min per group. */
    public static final PlatformLimits TELEGRAM = new PlatformLimits(30, 0.02, 1, 1, 20, Duration.ofSeconds(30));
    /** Discord: 50 requests/s per bot (we keep 40 for posts, leaving the rest to replies), 5 per 5 s per channel. */
    public static final PlatformLimits DISCORD = new PlatformLimits(40, 0, 1, 5, 0, Duration.ofSeconds(30));
    /** No limits (the console). */
    public static final PlatformLimits NONE = new PlatformLimits(0, 0, 0, 1, 0, Duration.ZERO);

    public PlatformLimits {
        if (perSecond < 0) throw new IllegalArgumentException("perSecond: must not be negative, was " + perSecond);
        if (headroom < 0 || headroom >= 1) {
            throw new IllegalArgumentException("headroom: must be at least 0 and under 1, was " + headroom);
        }
        if (chatPerSecond < 0) {
            throw new IllegalArgumentException("chatPerSecond: must not be negative, was " + chatPerSecond);
        }
        if (chatBurst < 1) throw new IllegalArgumentException("chatBurst: must be at least 1, was " + chatBurst);
        if (groupPerMinute < 0) {
            throw new IllegalArgumentException("groupPerMinute: must not be negative, was " + groupPerMinute);
        }
        Objects.requireNonNull(maxPlatformPause, "maxPlatformPause");
    }

    /** The steady rate sends are paced at: {@code perSecond * (1 - headroom)} (0: not paced). */
    public double pacedPerSecond() {
        return perSecond * (1 - headroom);
    }

    /**
     * The same limits with another overall rate (the paid broadcast allows 1000/s on Telegram; several instances on
     * one database each take their share of the bot's limit).
     */
    public PlatformLimits withRate(double value) {
        return new PlatformLimits(value, headroom, chatPerSecond, chatBurst, groupPerMinute, maxPlatformPause);
    }

    public PlatformLimits withHeadroom(double value) {
        return new PlatformLimits(perSecond, value, chatPerSecond, chatBurst, groupPerMinute, maxPlatformPause);
    }
}
