package org.excerptbot.core.excerpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.excerptbot.core.corpus.CorpusLoader;
import org.junit.jupiter.api.Test;

/** Properties of the rotation over several whole cycles. */
class DailyRotationTest {
    private static final ExcerptPool POOL = ExcerptPool.build(CorpusLoader.loadPackaged());
    private static final DailyRotation ROTATION = new DailyRotation(POOL, DailyRotation.DEFAULT_SEED);
    private static final int N = POOL.size();

    @Test
    void every_cycle_shows_every_excerpt_exactly_once() {
        for (long cycle = -3; cycle < 12; cycle++) {
            Set<Integer> seen = new HashSet<>();
            for (long day = cycle * N; day < (cycle + 1) * N; day++) seen.add(ROTATION.indexFor(day));
            assertThat(seen).as("cycle %d", cycle).hasSize(N);
        }
    }

    @Test
    void no_excerpt_repeats_until_the_pool_is_used_up_from_any_start() {
        LocalDate start = LocalDate.of(2026, 11, 28);
        long firstDayOfCycle = Math.floorDiv(start.toEpochDay(), N) * N;
        Set<String> seen = new HashSet<>();
        for (long d = firstDayOfCycle; d < firstDayOfCycle + N; d++) {
            assertThat(seen.add(ROTATION.excerptFor(LocalDate.ofEpochDay(d)).id()))
                    .isTrue();
        }
    }

    @Test
    void no_excerpt_appears_on_two_consecutive_days_across_many_cycles() {
        LocalDate day = LocalDate.of(2020, 1, 1);
        String previous = ROTATION.excerptFor(day.minusDays(1)).id();
        for (int i = 0; i < N * 40; i++) {
            String today = ROTATION.excerptFor(day.plusDays(i)).id();
            assertThat(today).as("%s", day.plusDays(i)).isNotEqualTo(previous);
            previous = today;
        }
    }

    @Test
    void the_rotation_is_a_pure_function_of_date_and_seed() {
        DailyRotation other =
                new DailyRotation(ExcerptPool.build(CorpusLoader.loadPackaged()), DailyRotation.DEFAULT_SEED);
        for (int i = 0; i < 500; i++) {
            LocalDate d = LocalDate.of(2027, 1, 1).plusDays(i);
            assertThat(other.excerptFor(d)).isEqualTo(ROTATION.excerptFor(d));
        }
    }

    @Test
    void the_seed_changes_the_order_and_cycles_differ() {
        DailyRotation seeded = new DailyRotation(POOL, 42);
        int same = 0;
        int sameAsNextCycle = 0;
        for (int day = 0; day < N; day++) {
            if (seeded.indexFor(day) == ROTATION.indexFor(day)) same++;
            if (ROTATION.indexFor(day) == ROTATION.indexFor(day + N)) sameAsNextCycle++;
        }
        assertThat(same).isLessThan(N / 4);
        assertThat(sameAsNextCycle).isLessThan(N / 4);
    }
}
