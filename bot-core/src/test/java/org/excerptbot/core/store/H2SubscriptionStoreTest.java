package org.excerptbot.core.store;

/** {@link SubscriptionStoreContract} on embedded H2. */
class H2SubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected TestDb openDb() {
        return TestDb.h2();
    }
}
