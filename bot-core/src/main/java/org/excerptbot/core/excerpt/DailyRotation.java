package org.excerptbot.core.excerpt;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The excerpt of the day: a pure function of the date and a seed, so that every instance and platform agrees
 * without stored state. Days are numbered by {@link LocalDate#toEpochDay()}; each run of {@code n} days (a cycle)
 * shows every one of the {@code n} excerpts once, in an order shuffled by the seed and the cycle number, and the
 * first day of a cycle never repeats the last day of the one before.
 */
public final class DailyRotation {
    /** The seed used when none is configured: the day the speech was delivered. */
    public static final long DEFAULT_SEED = 20151216L;

    private final ExcerptPool pool;
    private final long seed;

    public DailyRotation(ExcerptPool pool, long seed) {
        if (pool.size() < 3) throw new IllegalArgumentException("pool: needs at least 3 excerpts, has " + pool.size());
        this.pool = pool;
        this.seed = seed;
    }

    /** The excerpt of the day for a local date. */
    public Excerpt excerptFor(LocalDate date) {
        return pool.get(indexFor(date.toEpochDay()));
    }

    /** The pool index shown on a day number. */
    public int indexFor(long epochDay) {
        int n = pool.size();
        long cycle = Math.floorDiv(epochDay, n);
        int pos = (int) Math.floorMod(epochDay, n);
        int[] order = order(cycle);
        return order[pos];
    }

    private int[] order(long cycle) {
        int[] order = shuffled(cycle);
        int[] previous = shuffled(cycle - 1);
        if (order[0] == previous[previous.length - 1]) {
            int t = order[0];
            order[0] = order[1];
            order[1] = t;
        }
        return order;
    }

    private int[] shuffled(long cycle) {
        int n = pool.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed ^ (cycle * 0x9E3779B97F4A7C15L));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public ExcerptPool pool() {
        return pool;
    }

    public long seed() {
        return seed;
    }
}
