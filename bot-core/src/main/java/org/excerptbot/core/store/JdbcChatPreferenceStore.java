package org.excerptbot.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.script.ChatPreferenceStore;
import org.excerptbot.core.script.Script;

/** {@link ChatPreferenceStore} over JDBC (H2 or PostgreSQL), table {@code chat_preference}. */
public final class JdbcChatPreferenceStore implements ChatPreferenceStore {
    private final Jdbc jdbc;

    public JdbcChatPreferenceStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Optional<Script> script(ChatRef chat) {
        Objects.requireNonNull(chat, "chat");
        return jdbc.tx("find chat preference", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT script FROM chat_preference WHERE platform = ? AND chat_id = ?")) {
                ps.setString(1, chat.platform().name());
                ps.setString(2, chat.id());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Script.parse(rs.getString(1)) : Optional.<Script>empty();
                }
            }
        });
    }

    @Override
    public void setScript(ChatRef chat, Script script, Instant now) {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(now, "now");
        jdbc.txRetryingUnique("save chat preference", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE chat_preference SET script = ?, changed_at = ? WHERE platform = ? AND chat_id = ?")) {
                ps.setString(1, script.name());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, chat.platform().name());
                ps.setString(4, chat.id());
                if (ps.executeUpdate() > 0) return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO chat_preference (platform, chat_id, script, changed_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, chat.platform().name());
                ps.setString(2, chat.id());
                ps.setString(3, script.name());
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
