package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
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
import org.flywaydb.core.Flyway;
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
        // the schema of V1, as the first release left it, with a subscription of that release
        try (HikariDataSource v1 = new HikariDataSource()) {
            v1.setJdbcUrl(Database.embeddedUrl(data));
            v1.setUsername("sa");
            Flyway.configure()
                    .dataSource(v1)
                    .locations("classpath:db/migration")
                    .target("1")
                    .load()
                    .migrate();
            assertThat(Database.isCurrent(v1)).isFalse();
            try (Connection c = v1.getConnection();
                    Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO subscription (platform, chat_id, chat_type, post_time, zone, mode,"
                        + " language, read_cursor, status, created_at, changed_at) VALUES ('TELEGRAM', '-5', 'GROUP',"
                        + " '07:30', 'Asia/Shanghai', 'SEQUENTIAL', 'zh', 12, 'ACTIVE', 0, 0)");
            }
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
