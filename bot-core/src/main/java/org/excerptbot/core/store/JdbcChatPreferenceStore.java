package org.excerptbot.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.script.ChatPreferenceStore;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptChoice;

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
        restore(new ScriptChoice(chat.platform(), chat.id(), script), now);
    }

    @Override
    public List<ScriptChoice> all() {
        return jdbc.tx("list chat preferences", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT platform, chat_id, script FROM chat_preference ORDER BY platform, chat_id");
                    ResultSet rs = ps.executeQuery()) {
                List<ScriptChoice> out = new ArrayList<>();
                while (rs.next()) {
                    Optional<Script> script = Script.parse(rs.getString(3));
                    // a row this version cannot read is left out, as script() ignores it
                    if (script.isPresent()) {
                        out.add(new ScriptChoice(Platform.valueOf(rs.getString(1)), rs.getString(2), script.get()));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean restore(ScriptChoice choice, Instant now) {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(now, "now");
        return jdbc.txRetryingUnique("save chat preference", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE chat_preference SET script = ?, changed_at = ?"
                    + " WHERE platform = ? AND chat_id = ? AND script <> ?")) {
                ps.setString(1, choice.script().name());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, choice.platform().name());
                ps.setString(4, choice.chatId());
                ps.setString(5, choice.script().name());
                if (ps.executeUpdate() > 0) return true;
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM chat_preference WHERE platform = ? AND chat_id = ?")) {
                ps.setString(1, choice.platform().name());
                ps.setString(2, choice.chatId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO chat_preference (platform, chat_id, script, changed_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, choice.platform().name());
                ps.setString(2, choice.chatId());
                ps.setString(3, choice.script().name());
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        });
    }
}
