package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.excerptbot.core.command.Platform;
import org.junit.jupiter.api.Test;

class ScheduleKeysTest {
    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    @Test
    void eachKeyIsNewOnceThroughManyDoublingsOfTheTable() {
        ScheduleKeys keys = new ScheduleKeys();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            assertThat(keys.add(Platform.TELEGRAM, Long.toString(-1_001_000_000_000L - i), time(i)))
                    .isTrue();
        }
        for (int i = 0; i < n; i++) {
            assertThat(keys.add(Platform.TELEGRAM, Long.toString(-1_001_000_000_000L - i), time(i)))
                    .isFalse();
        }
    }

    @Test
    void theSameChatIdAtAnotherTimeOrOnAnotherPlatformIsAnotherKey() {
        ScheduleKeys keys = new ScheduleKeys();
        assertThat(keys.add(Platform.DISCORD, "1098765432109876543", EIGHT)).isTrue();
        assertThat(keys.add(Platform.DISCORD, "1098765432109876543", EIGHT.plusMinutes(1)))
                .isTrue();
        assertThat(keys.add(Platform.TELEGRAM, "1098765432109876543", EIGHT)).isTrue();
        assertThat(keys.add(Platform.DISCORD, "1098765432109876543", EIGHT)).isFalse();
        assertThat(keys.add(Platform.CONSOLE, "1098765432109876543", LocalTime.of(23, 59)))
                .isTrue();
        assertThat(keys.add(Platform.CONSOLE, "1098765432109876543", LocalTime.of(23, 59)))
                .isFalse();
    }

    @Test
    void idsThatAreNotCanonicalNumbersAreKeptAsTheirText() {
        ScheduleKeys keys = new ScheduleKeys();
        assertThat(keys.add(Platform.TELEGRAM, "7", EIGHT)).isTrue();
        assertThat(keys.add(Platform.TELEGRAM, "007", EIGHT)).isTrue();
        assertThat(keys.add(Platform.TELEGRAM, "0", EIGHT)).isTrue();
        assertThat(keys.add(Platform.TELEGRAM, "-0", EIGHT)).isTrue();
        assertThat(keys.add(Platform.TELEGRAM, "9223372036854775808", EIGHT)).isTrue();
        assertThat(keys.add(Platform.CONSOLE, "console", EIGHT)).isTrue();
        assertThat(keys.add(Platform.TELEGRAM, "007", EIGHT)).isFalse();
        assertThat(keys.add(Platform.TELEGRAM, "9223372036854775808", EIGHT)).isFalse();
        assertThat(keys.add(Platform.CONSOLE, "console", EIGHT)).isFalse();
        assertThat(keys.add(Platform.CONSOLE, "console", EIGHT.plusHours(1))).isTrue();
    }

    private static LocalTime time(int i) {
        return LocalTime.of(i % 24, i % 60);
    }
}
