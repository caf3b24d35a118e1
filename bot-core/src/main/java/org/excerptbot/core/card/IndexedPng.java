package org.excerptbot.core.card;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a card as an 8-bit palette PNG, a band of rows at a time, so a card is never held whole as pixels. A card
 * is one background and a few ink colours, each antialiased against the background, so a palette of
 * {@value #LEVELS} blends of each ink loses nothing the eye can see, while the file is about half the size of an RGB
 * one and is encoded several times faster than by ImageIO's writer. Deterministic: no time stamp and no text chunks,
 * so the same pixels give the same bytes. One use: feed every row with {@link #write}, then {@link #finish}.
 */
final class IndexedPng {
    /** Blends of each ink with the background, besides the background itself: 4 inks fill the 256 entries. */
    static final int LEVELS = 63;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int CACHE_SLOTS = 1 << 13;

    private final int width;
    private final int height;
    private final Color background;
    private final List<Color> inks;
    private final int backgroundRgb;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(128 * 1024);
    private final byte[] buffer = new byte[32 * 1024];
    // Antialiasing makes a few hundred distinct colours, each met thousands of times: remember each one's entry.
    private final int[] seen = new int[CACHE_SLOTS];
    private final byte[] entry = new byte[CACHE_SLOTS];
    private int cached;
    private int rowsWritten;
    private byte[] band = new byte[0];

    /** An encoder for a picture of this size painted in these colours. */
    IndexedPng(int width, int height, Color background, List<Color> inks) {
        if (width < 1 || height < 1)
            throw new IllegalArgumentException("size: must be positive, was " + width + "x" + height);
        if (inks.isEmpty() || 1 + inks.size() * LEVELS > 256) {
            throw new IllegalArgumentException("inks: must be 1-" + 255 / LEVELS + ", was " + inks.size());
        }
        this.width = width;
        this.height = height;
        this.background = background;
        this.inks = List.copyOf(inks);
        this.backgroundRgb = background.getRGB() & 0xffffff;
        Arrays.fill(seen, -1);
    }

    /** Adds the first {@code rows} rows of a {@link BufferedImage#TYPE_INT_RGB} band as wide as the picture. */
    void write(BufferedImage rgb, int rows) {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB || rgb.getWidth() != width) {
            throw new IllegalArgumentException("rgb: must be TYPE_INT_RGB and " + width + " px wide");
        }
        if (rows < 0 || rows > rgb.getHeight() || rowsWritten + rows > height) {
            throw new IllegalArgumentException(
                    "rows: " + rows + " more would make " + (rowsWritten + rows) + " of " + height);
        }
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int length = rows * (width + 1);
        if (band.length < length) band = new byte[length];
        int o = 0;
        for (int y = 0; y < rows; y++) {
            band[o++] = 0; // filter: none, as suits palette images
            int row = y * width;
            for (int x = 0; x < width; x++) band[o++] = (byte) index(pixels[row + x] & 0xffffff);
        }
        deflater.setInput(band, 0, length);
        while (!deflater.needsInput()) compressed.write(buffer, 0, deflater.deflate(buffer));
        rowsWritten += rows;
    }

    /** The PNG file. */
    byte[] finish() {
        if (rowsWritten != height) {
            throw new IllegalStateException("only " + rowsWritten + " of " + height + " rows were written");
        }
        deflater.finish();
        while (!deflater.finished()) compressed.write(buffer, 0, deflater.deflate(buffer));
        deflater.end();

        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.size() + 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per palette index
        header[9] = 3; // colour type: palette
        chunk(out, "IHDR", header);
        chunk(out, "PLTE", palette());
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private int index(int rgb) {
        if (rgb == backgroundRgb) return 0;
        int slot = (rgb * 0x9E3779B1) >>> 19;
        while (seen[slot] != -1 && seen[slot] != rgb) slot = (slot + 1) & (CACHE_SLOTS - 1);
        if (seen[slot] == rgb) return entry[slot] & 0xff;
        int nearest = nearest(rgb);
        if (cached < CACHE_SLOTS / 2) {
            seen[slot] = rgb;
            entry[slot] = (byte) nearest;
            cached++;
        }
        return nearest;
    }

    private byte[] palette() {
        byte[] rgb = new byte[3 * (1 + inks.size() * LEVELS)];
        put(rgb, 0, background.getRGB());
        for (int ink = 0; ink < inks.size(); ink++) {
            for (int level = 1; level <= LEVELS; level++) {
                put(rgb, entry(ink, level), blend(inks.get(ink), level / (float) LEVELS));
            }
        }
        return rgb;
    }

    private static int entry(int ink, int level) {
        return 1 + ink * LEVELS + level - 1;
    }

    private static void put(byte[] rgb, int entry, int color) {
        rgb[3 * entry] = (byte) (color >> 16);
        rgb[3 * entry + 1] = (byte) (color >> 8);
        rgb[3 * entry + 2] = (byte) color;
    }

    private int blend(Color ink, float alpha) {
        int r = Math.round(background.getRed() + alpha * (ink.getRed() - background.getRed()));
        int g = Math.round(background.getGreen() + alpha * (ink.getGreen() - background.getGreen()));
        int b = Math.round(background.getBlue() + alpha * (ink.getBlue() - background.getBlue()));
        return r << 16 | g << 8 | b;
    }

    /** The palette entry closest to a colour: the ink it is a blend of, at the nearest level. */
    private int nearest(int rgb) {
        int pr = (rgb >> 16 & 0xff) - background.getRed();
        int pg = (rgb >> 8 & 0xff) - background.getGreen();
        int pb = (rgb & 0xff) - background.getBlue();
        float bestError = Float.MAX_VALUE;
        int best = 0;
        for (int ink = 0; ink < inks.size(); ink++) {
            Color c = inks.get(ink);
            float dr = c.getRed() - background.getRed();
            float dg = c.getGreen() - background.getGreen();
            float db = c.getBlue() - background.getBlue();
            float length = dr * dr + dg * dg + db * db;
            if (length == 0) continue;
            float alpha = Math.max(0, Math.min(1, (pr * dr + pg * dg + pb * db) / length));
            float er = pr - alpha * dr;
            float eg = pg - alpha * dg;
            float eb = pb - alpha * db;
            float error = er * er + eg * eg + eb * eb;
            if (error < bestError) {
                bestError = error;
                int level = Math.round(alpha * LEVELS);
                best = level == 0 ? 0 : entry(ink, level);
            }
        }
        return best;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
