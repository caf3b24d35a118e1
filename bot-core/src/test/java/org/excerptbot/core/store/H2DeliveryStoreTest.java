package org.excerptbot.core.store;

/** {@link DeliveryStoreContract} on embedded H2. */
class H2DeliveryStoreTest extends DeliveryStoreContract {
    @Override
    protected TestDb openDb() {
        return TestDb.h2();
    }
}
