package org.excerptbot.core.store;

/** A database operation failed; carries the SQL error as its cause. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
