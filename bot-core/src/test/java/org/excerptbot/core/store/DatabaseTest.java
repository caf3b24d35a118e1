package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
                // back to the schema of V1, as an older release left it
                st.executeUpdate("DROP INDEX ix_delivery_claim");
                st.executeUpdate("CREATE INDEX ix_delivery_queue ON delivery (status, platform, not_before)");
                st.executeUpdate("DROP INDEX ix_delivery_recent");
                st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('2', '6')");
            }
            assertThat(Database.isCurrent(db.dataSource())).isFalse();
        }
        try (Database db = Database.embedded(data)) {
            assertThat(Database.isCurrent(db.dataSource())).isTrue();
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
