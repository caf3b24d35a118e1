package org.excerptbot.core.store;

/** {@link ScheduleCapContract} on embedded H2. */
class H2ScheduleCapTest extends ScheduleCapContract {
    @Override
    protected TestDb openDb() {
        return TestDb.h2();
    }
}
