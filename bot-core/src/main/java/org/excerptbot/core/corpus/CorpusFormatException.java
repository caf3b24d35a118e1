package org.excerptbot.core.corpus;

/** The source text does not have the structure the manifest describes. */
public final class CorpusFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorpusFormatException(String message) {
        super(message);
    }
}
