package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path data;

    @Test
    void the_latest_migration_constant_matches_the_newest_migration_file() throws IOException {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest = 0;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = version.matcher(f.getFileName().toString());
                if (m.matches()) newest = Math.max(newest, Integer.parseInt(m.group(1)));
            }
        }
        assertThat(Database.LATEST_MIGRATION).isEqualTo(newest);
    }

    @Test
    void a_current_schema_is_recognised_and_an_old_one_is_migrated_on_opening() throws Exception {
        try (Database db = Database.embedded(data)) {
            assertThat(Database.isCurrent(db.dataSource())).isTrue();
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                // back to the schema of V1, as an older release left it, with a subscription of that release
                st.executeUpdate("ALTER TABLE subscription DROP CONSTRAINT uq_subscription_chat_time");
                st.executeUpdate("ALTER TABLE subscription DROP COLUMN days");
                st.executeUpdate("ALTER TABLE subscription DROP COLUMN post_format");
                st.executeUpdate(
                        "ALTER TABLE subscription ADD CONSTRAINT uq_subscription_chat" + " UNIQUE (platform, chat_id)");
                st.executeUpdate("DROP INDEX ix_delivery_claim");
                st.executeUpdate("CREATE INDEX ix_delivery_queue ON delivery (status, platform, not_before)");
                st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('2', '3')");
                st.executeUpdate("INSERT INTO subscription (platform, chat_id, chat_type, post_time, zone, mode,"
                        + " language, read_cursor, status, created_at, changed_at) VALUES ('TELEGRAM', '-5', 'GROUP',"
                        + " '07:30', 'Asia/Shanghai', 'SEQUENTIAL', 'zh', 12, 'ACTIVE', 0, 0)");
            }
            assertThat(Database.isCurrent(db.dataSource())).isFalse();
        }
        try (Database db = Database.embedded(data)) {
            assertThat(Database.isCurrent(db.dataSource())).isTrue();
            JdbcSubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
            ChatRef group = new ChatRef(Platform.TELEGRAM, "-5", ChatType.GROUP);
            Subscription old = store.find(group).orElseThrow();
            assertThat(old.days()).as("an old subscription posts every day").isEqualTo(Days.EVERY_DAY);
            assertThat(old.format()).isEqualTo(Format.TEXT);
            assertThat(old.cursor()).isEqualTo(12);
            // and the chat may now have a second schedule
            store.save(
                    group, new Slot(LocalTime.of(21, 0), ZoneId.of("Asia/Shanghai")), Mode.DAILY, "zh", Instant.EPOCH);
            assertThat(store.forChat(group)).hasSize(2);
        }
    }

    @Test
    void the_kind_of_a_database_follows_its_jdbc_url() {
        assertThat(Database.Kind.of("jdbc:h2:mem:bot")).isEqualTo(Database.Kind.H2);
        assertThat(Database.Kind.of("jdbc:postgresql://db:5432/bot")).isEqualTo(Database.Kind.POSTGRESQL);
        assertThatThrownBy(() -> Database.Kind.of("jdbc:mysql://db/bot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url: expected jdbc:h2:... or jdbc:postgresql:..., was jdbc:mysql://db/bot");
    }
}
