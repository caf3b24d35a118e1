package org.excerptbot.core.store;

/** {@link DeliveryStoreContract} on PostgreSQL; skipped when no server answers at 127.0.0.1:5432. */
class PostgresDeliveryStoreTest extends DeliveryStoreContract {
    @Override
    protected TestDb openDb() {
        return TestDb.postgres();
    }
}
