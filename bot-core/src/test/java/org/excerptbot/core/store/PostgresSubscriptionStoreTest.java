package org.excerptbot.core.store;

/** {@link SubscriptionStoreContract} on PostgreSQL; skipped when no server answers at 127.0.0.1:5432. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected TestDb openDb() {
        return TestDb.postgres();
    }
}
