package org.excerptbot.core.card;

/**
 * The limits every card keeps: Telegram's for photos ({@code sendPhoto}: at most 10 MB, width + height at most
 * 10,000, sides in a ratio of at most 20), Discord's for attachments (10 MiB), and the design's own height.
 */
public final class CardLimits {
    /** Every card's width in pixels. */
    public static final int WIDTH = 1080;

    /** The tallest card: a phone screen's 9:16, read without zooming. A longer passage goes on more cards. */
    public static final int MAX_HEIGHT = 1920;

    /** Telegram's photo limit, 10 MB; Discord's 10 MiB is larger. */
    public static final long MAX_BYTES = 10_000_000;

    /** Telegram: width + height at most 10,000. */
    public static final int MAX_WIDTH_PLUS_HEIGHT = 10_000;

    /** Telegram: the longer side at most 20 times the shorter. */
    public static final int MAX_RATIO = 20;

    static {
        // A PNG is never larger than its raw rows (3 bytes a pixel and a filter byte a row) and a little framing,
        // so the tallest card keeps the byte limit however badly it compresses.
        long worstPng = (long) MAX_HEIGHT * (1 + 3L * WIDTH) * 101 / 100 + 1024;
        if (WIDTH + MAX_HEIGHT > MAX_WIDTH_PLUS_HEIGHT || MAX_HEIGHT > MAX_RATIO * WIDTH || worstPng > MAX_BYTES) {
            throw new ExceptionInInitializerError("the card design breaks a platform's photo limits");
        }
    }

    private CardLimits() {}

    /** True when a picture of this size keeps every limit. */
    public static boolean fits(int width, int height, long bytes) {
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        return shorter > 0
                && width + height <= MAX_WIDTH_PLUS_HEIGHT
                && longer <= (long) MAX_RATIO * shorter
                && height <= MAX_HEIGHT
                && bytes <= MAX_BYTES;
    }
}
