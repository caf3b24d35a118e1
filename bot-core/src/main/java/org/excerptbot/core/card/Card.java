package org.excerptbot.core.card;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * One rendered card: a PNG image, and its place in the set a passage was split into ({@code index} of
 * {@code count}, from 1). Immutable: {@link #png()} hands out a copy.
 */
public final class Card {
    private final byte[] png;
    private final int width;
    private final int height;
    private final int index;
    private final int count;

    Card(byte[] png, int width, int height, int index, int count) {
        this.png = Objects.requireNonNull(png, "png");
        if (index < 1 || index > count)
            throw new IllegalArgumentException("index: must be 1-" + count + ", was " + index);
        this.width = width;
        this.height = height;
        this.index = index;
        this.count = count;
    }

    /** The PNG file's bytes (a copy). */
    public byte[] png() {
        return png.clone();
    }

    /** Writes the PNG file to a stream without copying it. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(png);
    }

    /** The PNG file's size in bytes. */
    public int size() {
        return png.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** This card's number in its set, from 1. */
    public int index() {
        return index;
    }

    /** How many cards the passage was split into. */
    public int count() {
        return count;
    }

    /** A file name for uploads: {@code card.png}, or {@code card-2-of-3.png} in a set. */
    public String fileName() {
        return count == 1 ? "card.png" : "card-" + index + "-of-" + count + ".png";
    }

    @Override
    public String toString() {
        return "Card[" + index + "/" + count + ", " + width + "x" + height + ", " + png.length + " bytes]";
    }
}
