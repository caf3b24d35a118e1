package org.excerptbot.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The packaged source texts and their manifest. This module holds data only and depends on nothing. */
public final class Content {
    /** The source text, byte for byte as published. */
    public static final String CORPUS = "corpus.txt";
    /** The manifest: documents, their metadata and the errata. */
    public static final String MANIFEST = "manifest.json";

    private Content() {}

    /** Opens a resource of this module; the caller closes it. */
    public static InputStream open(String name) {
        InputStream in = Content.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalArgumentException("name: no content resource called '" + name + "'");
        }
        return in;
    }

    /** Reads a resource of this module whole. */
    public static byte[] read(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read content resource " + name, e);
        }
    }
}
