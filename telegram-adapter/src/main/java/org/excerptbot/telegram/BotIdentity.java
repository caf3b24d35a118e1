package org.excerptbot.telegram;

import java.util.Objects;

/**
 * Who the bot is, as getMe answered at start-up: what users address it as in groups ({@code /cmd@username}) and
 * what log lines and {@code /healthz} call it.
 *
 * @param username without {@code @}
 */
record BotIdentity(String username, long id) {
    BotIdentity {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) throw new IllegalArgumentException("username: must not be blank");
    }
}
