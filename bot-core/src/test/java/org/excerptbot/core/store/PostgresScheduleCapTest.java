package org.excerptbot.core.store;

/** {@link ScheduleCapContract} on PostgreSQL; skipped when no server answers at 127.0.0.1:5432. */
class PostgresScheduleCapTest extends ScheduleCapContract {
    @Override
    protected TestDb openDb() {
        return TestDb.postgres();
    }
}
