package org.excerptbot.core.store;

/** {@link ReadingStoreContract} on embedded H2. */
class H2ReadingStoreTest extends ReadingStoreContract {
    @Override
    protected TestDb openDb() {
        return TestDb.h2();
    }
}
