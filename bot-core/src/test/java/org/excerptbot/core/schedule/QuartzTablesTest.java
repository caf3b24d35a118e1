package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.TestDb;
import org.junit.jupiter.api.Test;

class QuartzTablesTest {
    @Test
    void createsQuartzTablesFromItsOwnDdlOnceAndNeverDrops() throws Exception {
        try (TestDb db = TestDb.h2()) {
            assertThat(QuartzTables.ensure(db.dataSource(), Database.Kind.H2)).isTrue();
            assertThat(QuartzTables.ensure(db.dataSource(), Database.Kind.H2)).isFalse();
        }
    }

    @Test
    void createsThemOnPostgresqlToo() throws Exception {
        try (TestDb db = TestDb.postgres()) {
            assertThat(QuartzTables.ensure(db.dataSource(), Database.Kind.POSTGRESQL))
                    .isTrue();
            assertThat(QuartzTables.ensure(db.dataSource(), Database.Kind.POSTGRESQL))
                    .isFalse();
        }
    }

    @Test
    void theStatementsLeaveOutCommentsDropsAndCommit() {
        assertThat(QuartzTables.statements(
                        "-- note; with a semicolon\nDROP TABLE IF EXISTS X;\nCREATE TABLE X (A INT);\n" + "COMMIT;\n"))
                .containsExactly("CREATE TABLE X (A INT)");
    }
}
