package org.excerptbot.core.card;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A card's PNG re-encoded as JPEG, for the places that take nothing else (the photo and thumbnail URLs of
 * Telegram's inline results). ImageIO's writer at a high quality: the card's flat colours and antialiased type
 * survive it without visible ringing.
 */
public final class JpegRenditions {
    /** The width of a thumbnail, in pixels; the height follows the card's proportions. */
    public static final int THUMBNAIL_WIDTH = 320;

    private static final float PHOTO_QUALITY = 0.9f;
    private static final float THUMBNAIL_QUALITY = 0.8f;

    private JpegRenditions() {}

    /** The card at full size as a JPEG. */
    public static byte[] photo(byte[] png) {
        BufferedImage card = read(png);
        return jpeg(copy(card, card.getWidth(), card.getHeight()), PHOTO_QUALITY);
    }

    /** The card scaled to {@value #THUMBNAIL_WIDTH} px wide as a JPEG. */
    public static byte[] thumbnail(byte[] png) {
        BufferedImage card = read(png);
        int height = Math.max(1, Math.round(card.getHeight() * (float) THUMBNAIL_WIDTH / card.getWidth()));
        return jpeg(copy(card, THUMBNAIL_WIDTH, height), THUMBNAIL_QUALITY);
    }

    private static BufferedImage read(byte[] png) {
        Objects.requireNonNull(png, "png");
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) throw new IllegalArgumentException("png: not an image ImageIO can read");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The card in RGB (JPEG has no palette), scaled to the size. */
    private static BufferedImage copy(BufferedImage card, int width, int height) {
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(card, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
