package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairClaimOrderTest {
    @Test
    void theBacklogAndTheRecentPostsTakeTurnsStartingWithTheBacklog() {
        assertThat(FairClaimOrder.interleave(List.of(1L, 2L, 3L, 4L), List.of(90L, 91L, 92L), 5))
                .containsExactly(1L, 90L, 2L, 91L, 3L);
    }

    @Test
    void whenOneSideRunsOutTheOtherFillsTheClaim() {
        assertThat(FairClaimOrder.interleave(List.of(1L, 2L, 3L, 4L), List.of(90L), 4))
                .containsExactly(1L, 90L, 2L, 3L);
        assertThat(FairClaimOrder.interleave(List.of(1L), List.of(90L, 91L, 92L), 4))
                .containsExactly(1L, 90L, 91L, 92L);
        assertThat(FairClaimOrder.interleave(List.of(), List.of(90L, 91L), 4)).containsExactly(90L, 91L);
    }

    @Test
    void withoutABacklogBothListsNameTheSamePostsAndEachIsTakenOnceOldestFirst() {
        List<Long> due = List.of(1L, 2L, 3L, 4L, 5L);
        assertThat(FairClaimOrder.interleave(due, due, 4)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(FairClaimOrder.interleave(List.of(1L, 2L, 3L), List.of(2L, 3L, 4L), 10))
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void postsDueWithinTheWindowAreRecent() {
        FairClaimOrder order = new FairClaimOrder(Duration.ofMinutes(10));
        Instant now = Instant.parse("2026-03-02T01:00:30Z");

        assertThat(order.recentSince(now)).isEqualTo(Instant.parse("2026-03-02T00:50:30Z"));
        assertThat(FairClaimOrder.DEFAULT.recentWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> new FairClaimOrder(Duration.ZERO)).hasMessageStartingWith("recentWindow:");
        assertThatThrownBy(() -> FairClaimOrder.interleave(List.of(), List.of(), -1))
                .hasMessageStartingWith("limit:");
    }
}
