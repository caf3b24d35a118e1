package org.excerptbot.core.reply;

import java.nio.charset.StandardCharsets;

/**
 * A button: a label and the compact data that the dispatcher turns back into a command when it is pressed.
 * The data fits Telegram's 64-byte {@code callback_data} and Discord's 100-character {@code custom_id}.
 */
public record Action(String label, String data) {
    /** The byte limit of the data (Telegram's). */
    public static final int MAX_DATA_BYTES = 64;

    public Action {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("label: must not be blank");
        if (data == null || data.isEmpty()) throw new IllegalArgumentException("data: must not be empty");
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("data: at most " + MAX_DATA_BYTES + " UTF-8 bytes, was '" + data + "'");
        }
    }
}
