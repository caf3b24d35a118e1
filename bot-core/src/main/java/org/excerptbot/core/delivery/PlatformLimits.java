package org.excerptbot.core.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The sending limits of one platform.
 *
 * @param perSecond messages per second overall (0: no limit)
 * @param burst how many of those may go at once after a quiet spell (at least 1)
 * @param chatPerSecond messages per second to one chat (0: no limit)
 * @param chatBurst how many messages one chat may take at once
 * @param groupPerMinute messages per minute to one group or channel (0: no limit)
 * @param maxPlatformPause the longest a 429 pauses the whole platform (the chat itself waits the full
 *     {@code retry_after})
 */
public record PlatformLimits(
        double perSecond,
        int burst,
        double chatPerSecond,
        int chatBurst,
        int groupPerMinute,
        Duration maxPlatformPause) {
    /** Telegram: about 30 messages/s overall, 1/s per chat, 20/min per group. */
    public static final PlatformLimits TELEGRAM = new PlatformLimits(30, 1, 1, 1, 20, Duration.ofSeconds(30));
    /** Discord: 50 requests/s per bot (we keep 40 for replies), 5 messages per 5 s per channel. */
    public static final PlatformLimits DISCORD = new PlatformLimits(40, 2, 1, 5, 0, Duration.ofSeconds(30));
    /** No limits (the console). */
    public static final PlatformLimits NONE = new PlatformLimits(0, 1, 0, 1, 0, Duration.ZERO);

    public PlatformLimits {
        if (perSecond < 0) throw new IllegalArgumentException("perSecond: must not be negative, was " + perSecond);
        if (burst < 1) throw new IllegalArgumentException("burst: must be at least 1, was " + burst);
        if (chatPerSecond < 0) {
            throw new IllegalArgumentException("chatPerSecond: must not be negative, was " + chatPerSecond);
        }
        if (chatBurst < 1) throw new IllegalArgumentException("chatBurst: must be at least 1, was " + chatBurst);
        if (groupPerMinute < 0) {
            throw new IllegalArgumentException("groupPerMinute: must not be negative, was " + groupPerMinute);
        }
        Objects.requireNonNull(maxPlatformPause, "maxPlatformPause");
    }

    /** The same limits with another overall rate and burst (the paid broadcast allows 1000/s on Telegram). */
    public PlatformLimits withRate(double perSecond, int burst) {
        return new PlatformLimits(perSecond, burst, chatPerSecond, chatBurst, groupPerMinute, maxPlatformPause);
    }
}
