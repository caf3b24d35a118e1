package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.excerptbot.core.command.Platform;
import org.junit.jupiter.api.Test;

class SenderSizingTest {
    @Test
    void eachPlatformGetsItsRateTimesTheRoundTripWithinTheBounds() {
        SenderSizing sizing = SenderSizing.DEFAULT;

        assertThat(sizing.sendersFor(PlatformLimits.TELEGRAM))
                .as("29.4/s x 250 ms, at least 8")
                .isEqualTo(8);
        assertThat(sizing.sendersFor(PlatformLimits.TELEGRAM.withRate(1000)))
                .as("the paid 980/s x 250 ms")
                .isEqualTo(245);
        assertThat(sizing.sendersFor(PlatformLimits.DISCORD))
                .as("40/s x 250 ms")
                .isEqualTo(10);
        assertThat(sizing.sendersFor(PlatformLimits.NONE))
                .as("no rate: the fewest")
                .isEqualTo(8);
        assertThat(sizing.sendersFor(PlatformLimits.TELEGRAM.withRate(5000).withHeadroom(0)))
                .as("capped")
                .isEqualTo(SenderSizing.MAX_SENDERS);
        assertThat(new SenderSizing(Duration.ofMillis(100), 1, 64).sendersFor(PlatformLimits.TELEGRAM.withRate(300)))
                .as("294/s x 100 ms")
                .isEqualTo(30);
    }

    @Test
    void theDefaultConfigurationSizesEachPlatformAndAFixedCountIgnoresTheRate() {
        DeliveryConfig paid = DeliveryConfig.builder()
                .limits(Platform.TELEGRAM, PlatformLimits.TELEGRAM.withRate(1000))
                .build();
        assertThat(paid.sendersFor(Platform.TELEGRAM)).isEqualTo(245);
        assertThat(paid.sendersFor(Platform.DISCORD)).isEqualTo(10);
        assertThat(paid.sendersFor(Platform.CONSOLE)).isEqualTo(8);
        assertThat(paid.toBuilder().sendersPerPlatform(3).build().sendersFor(Platform.TELEGRAM))
                .isEqualTo(3);
    }

    @Test
    void badBoundsAreRefusedWithTheNameOfTheValue() {
        assertThatThrownBy(() -> new SenderSizing(Duration.ZERO, 1, 2))
                .hasMessage("roundTrip: must be positive, was PT0S");
        assertThatThrownBy(() -> new SenderSizing(Duration.ofMillis(1), 0, 2))
                .hasMessage("min: must be at least 1, was 0");
        assertThatThrownBy(() -> new SenderSizing(Duration.ofMillis(1), 5, 4))
                .hasMessage("max: must be at least min (5), was 4");
        assertThatThrownBy(() -> new SenderSizing(Duration.ofMillis(1), 5, 257))
                .hasMessage("max: must be at most 256, was 257");
        assertThatThrownBy(() -> SenderSizing.fixed(0)).hasMessage("senders: must be at least 1, was 0");
    }
}
