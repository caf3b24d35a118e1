package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.excerptbot.core.command.Platform;
import org.junit.jupiter.api.Test;

class DeliveryConfigTest {
    @Test
    void theBuilderStartsFromTheDefaults() {
        DeliveryConfig defaults = DeliveryConfig.defaults();

        assertThat(DeliveryConfig.builder().build()).isEqualTo(defaults);
        assertThat(defaults.grace()).isEqualTo(Duration.ofHours(6));
        assertThat(defaults.senders()).isEqualTo(SenderSizing.DEFAULT);
        assertThat(defaults.sendersFor(Platform.TELEGRAM)).isEqualTo(8);
        assertThat(defaults.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.limitsOf(Platform.TELEGRAM)).isEqualTo(PlatformLimits.TELEGRAM);
        assertThat(defaults.limitsOf(Platform.DISCORD)).isEqualTo(PlatformLimits.DISCORD);
    }

    @Test
    void toBuilderChangesWhatIsSetAndKeepsTheRest() {
        DeliveryConfig base = DeliveryConfig.builder()
                .sendersPerPlatform(3)
                .idlePoll(Duration.ofMillis(10))
                .build();

        DeliveryConfig changed = base.toBuilder()
                .claimLease(Duration.ofSeconds(40))
                .limits(Platform.TELEGRAM, PlatformLimits.NONE)
                .build();

        assertThat(changed.claimLease()).isEqualTo(Duration.ofSeconds(40));
        assertThat(changed.sendersFor(Platform.TELEGRAM)).isEqualTo(3);
        assertThat(changed.sendersFor(Platform.DISCORD)).isEqualTo(3);
        assertThat(changed.idlePoll()).isEqualTo(Duration.ofMillis(10));
        assertThat(changed.limitsOf(Platform.TELEGRAM)).isEqualTo(PlatformLimits.NONE);
        assertThat(changed.limitsOf(Platform.DISCORD)).isEqualTo(PlatformLimits.DISCORD);
        assertThat(base.limitsOf(Platform.TELEGRAM)).isEqualTo(PlatformLimits.TELEGRAM);
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    @Test
    void aBadValueIsRefusedWithTheNameOfItsField() {
        assertThatThrownBy(() -> DeliveryConfig.builder().sendersPerPlatform(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sendersPerPlatform: must be at least 1, was 0");
        assertThatThrownBy(() -> DeliveryConfig.builder().claimBatch(-1).build())
                .hasMessage("claimBatch: must be at least 1, was -1");
        assertThatThrownBy(() -> DeliveryConfig.builder().grace(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace: must be positive, was PT0S");
        assertThatThrownBy(() -> DeliveryConfig.builder()
                        .stopTimeout(Duration.ofSeconds(-1))
                        .build())
                .hasMessage("stopTimeout: must be positive, was PT-1S");
        assertThatThrownBy(() -> DeliveryConfig.builder()
                        .firstBackoff(Duration.ofMinutes(10))
                        .maxBackoff(Duration.ofMinutes(1))
                        .build())
                .hasMessage("maxBackoff: must be at least firstBackoff (PT10M), was PT1M");
        assertThatThrownBy(() -> DeliveryConfig.builder().idlePoll(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("idlePoll");
    }
}
