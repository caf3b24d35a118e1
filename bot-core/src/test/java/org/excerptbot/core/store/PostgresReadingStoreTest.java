package org.excerptbot.core.store;

/** {@link ReadingStoreContract} on PostgreSQL; skipped when no server answers at 127.0.0.1:5432. */
class PostgresReadingStoreTest extends ReadingStoreContract {
    @Override
    protected TestDb openDb() {
        return TestDb.postgres();
    }
}
