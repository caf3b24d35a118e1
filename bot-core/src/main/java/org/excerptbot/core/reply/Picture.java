package org.excerptbot.core.reply;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A picture a reply may carry: a PNG file, its name and size, the text it shows (for readers that cannot see it)
 * and a caption. Adapters that can show pictures send it with its caption; those that cannot show the reply's text
 * instead. Immutable: {@link #png()} hands out a copy.
 */
public final class Picture {
    /** The longest caption accepted, in characters: Telegram's photo caption limit. */
    public static final int MAX_CAPTION = 1024;

    private final byte[] png;
    private final String fileName;
    private final int width;
    private final int height;
    private final String altText;
    private final String caption;
    private final String sha256;

    /**
     * @param png the PNG file's bytes (copied)
     * @param fileName the name to upload it under, ending in {@code .png}
     * @param altText what the picture shows, as text
     * @param caption shown with the picture, at most {@value #MAX_CAPTION} characters
     */
    public Picture(byte[] png, String fileName, int width, int height, String altText, String caption) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(altText, "altText");
        Objects.requireNonNull(caption, "caption");
        if (png.length == 0) throw new IllegalArgumentException("png: must not be empty");
        if (!fileName.matches("[A-Za-z0-9_.-]{1,64}\\.png")) {
            throw new IllegalArgumentException(
                    "fileName: must be 1-64 letters, digits, . _ - and end in .png, was '" + fileName + "'");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width, height: must be positive, were " + width + "x" + height);
        }
        if (caption.length() > MAX_CAPTION) {
            throw new IllegalArgumentException(
                    "caption: must be at most " + MAX_CAPTION + " characters, was " + caption.length());
        }
        this.png = png.clone();
        this.fileName = fileName;
        this.width = width;
        this.height = height;
        this.altText = altText;
        this.caption = caption;
        this.sha256 = sha256(this.png);
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

    public String fileName() {
        return fileName;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** What the picture shows, as text. */
    public String altText() {
        return altText;
    }

    /** The text shown with the picture. */
    public String caption() {
        return caption;
    }

    /** The SHA-256 of the PNG file in hex: the same picture has the same hash, wherever it was made. */
    public String sha256() {
        return sha256;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Picture p
                && sha256.equals(p.sha256)
                && fileName.equals(p.fileName)
                && altText.equals(p.altText)
                && caption.equals(p.caption);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "Picture[" + fileName + ", " + width + "x" + height + ", " + png.length + " bytes]";
    }
}
