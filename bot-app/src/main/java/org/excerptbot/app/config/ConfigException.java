package org.excerptbot.app.config;

/** A setting has a value it cannot take; the message names the key, where it came from, and what is accepted. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
