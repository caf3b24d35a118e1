package org.excerptbot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.excerptbot.core.command.FloodControl.Verdict;
import org.excerptbot.core.delivery.MutableClock;
import org.junit.jupiter.api.Test;

class FloodControlTest {
    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void aUserOverTheLimitIsToldOnceAndThenIgnoredWhileOthersGoOn() {
        FloodControl flood = new FloodControl(2, new MutableClock(NOW));

        assertThat(flood.check(Platform.TELEGRAM, "1")).isEqualTo(Verdict.ALLOW);
        assertThat(flood.check(Platform.TELEGRAM, "1")).isEqualTo(Verdict.ALLOW);
        assertThat(flood.check(Platform.TELEGRAM, "1")).isEqualTo(Verdict.NOTIFY);
        assertThat(flood.check(Platform.TELEGRAM, "1")).isEqualTo(Verdict.IGNORE);
        assertThat(flood.check(Platform.DISCORD, "1")).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void usersAreForgottenOnceTheirBucketIsFullAgainAndNotBefore() {
        MutableClock clock = new MutableClock(NOW);
        FloodControl flood = new FloodControl(2, clock);
        flood.check(Platform.TELEGRAM, "flooder");
        flood.check(Platform.TELEGRAM, "flooder");
        assertThat(flood.check(Platform.TELEGRAM, "flooder")).isEqualTo(Verdict.NOTIFY);

        // a new user every 100 ms for three minutes; sweeps run once a minute
        for (int i = 0; i < 1_800; i++) {
            clock.advance(Duration.ofMillis(100));
            flood.check(Platform.TELEGRAM, "user-" + i);
            if (i == 100) assertThat(flood.check(Platform.TELEGRAM, "flooder")).isEqualTo(Verdict.IGNORE);
        }

        // the last two minutes' users at most, not all 1,800
        assertThat(flood.usersHeld()).isBetween(600, 1_201);
    }
}
