package org.excerptbot.core.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.excerptbot.content.Content;

/** Loads the corpus packaged in the content module, checking the source against the manifest's checksum. */
public final class CorpusLoader {
    private CorpusLoader() {}

    /** Parses the packaged source text. Fails loudly if the source or manifest is damaged. */
    public static Corpus loadPackaged() {
        Manifest manifest = Manifest.read(Content.open(Content.MANIFEST));
        byte[] bytes = Content.read(manifest.source().resource());
        String actual = sha256(bytes);
        if (!actual.equals(manifest.source().sha256())) {
            throw new CorpusFormatException("the packaged source text does not match the manifest's sha256 (" + actual
                    + "); it must stay byte for byte as published");
        }
        return CorpusParser.parse(new String(bytes, StandardCharsets.UTF_8), manifest);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
