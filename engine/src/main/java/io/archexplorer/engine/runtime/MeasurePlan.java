package io.archexplorer.engine.runtime;

/**
 * How {@link Profiler} paces a measurement: how many warm-up runs, how many timed runs. Either can be fixed or left
 * to the protocol every measurement of the project uses by default (the window, {@code explorer bench}, the labs):
 * warm up until the speed settles, then time as many runs as fit in a budget.
 *
 * <p>Why warm up until settled rather than a fixed count: a fresh JVM has compiled no kernel yet, and on a 2-core
 * laptop the JIT keeps compiling for seconds while the kernel threads compete with it; five fixed runs time the
 * interpreter on a small net. The warm-up stops once no run has been {@link #GAIN} faster than the best for
 * {@link #STABLE_MS}, after at least {@link #MIN_WARMUP} runs and {@link #WARMUP_MIN_MS}, and at the latest after
 * {@link #WARMUP_MAX_MS}.
 *
 * @param warmupRuns fixed warm-up runs (0 or more), or {@link #UNTIL_STABLE}
 * @param runs fixed timed runs (1 or more), or {@link #BY_BUDGET}: about {@link #BUDGET_MS} of runs, at least
 *     {@link #MIN_RUNS} and at most {@link #MAX_RUNS}
 * @param rounds when several nets are measured together, how many times the timed runs alternate between them
 *     (each round takes its share of every net's runs, A A B B C C, then the next round), so that a drift in the
 *     machine's speed (another process, the clock, the JIT) spreads over every net instead of landing on one
 */
public record MeasurePlan(int warmupRuns, int runs, int rounds) {
    public static final int UNTIL_STABLE = -1;
    public static final int BY_BUDGET = -1;

    static final double WARMUP_MIN_MS = 1000;
    static final double STABLE_MS = 500;
    static final double WARMUP_MAX_MS = 6000;
    static final int MIN_WARMUP = 3;
    /** A run this much faster than the best so far means the JIT is still improving the kernels. */
    static final double GAIN = 0.03;
    /** Long enough for a stable median and a meaningful spread, short enough for a class watching. */
    static final double BUDGET_MS = 1200;
    static final int MIN_RUNS = 5;
    static final int MAX_RUNS = 300;
    public static final int DEFAULT_ROUNDS = 5;

    public MeasurePlan {
        if (warmupRuns < UNTIL_STABLE || runs == 0 || runs < BY_BUDGET) {
            throw new IllegalArgumentException("warm-up must be ≥ 0 (or until stable) and runs ≥ 1 (or by budget), "
                    + "got " + warmupRuns + " and " + runs);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be ≥ 1, got " + rounds);
        }
    }

    /** The default protocol: warm up until the speed settles, then about {@link #BUDGET_MS} of timed runs. */
    public static MeasurePlan standard() {
        return new MeasurePlan(UNTIL_STABLE, BY_BUDGET, DEFAULT_ROUNDS);
    }

    public static MeasurePlan fixed(int warmupRuns, int runs) {
        return new MeasurePlan(warmupRuns, runs, DEFAULT_ROUNDS);
    }

    public MeasurePlan withWarmupRuns(int n) {
        return new MeasurePlan(n, runs, rounds);
    }

    public MeasurePlan withRuns(int n) {
        return new MeasurePlan(warmupRuns, n, rounds);
    }

    public MeasurePlan withRounds(int n) {
        return new MeasurePlan(warmupRuns, runs, n);
    }

    public boolean warmsUpUntilStable() {
        return warmupRuns == UNTIL_STABLE;
    }

    public boolean runsByBudget() {
        return runs == BY_BUDGET;
    }

    /** The timed runs for a net whose best warm-up run took {@code bestMs}, sharing the budget with others. */
    int runsFor(double bestMs, int sharing) {
        if (!runsByBudget()) {
            return runs;
        }
        double perNet = BUDGET_MS / sharing;
        return (int) Math.max(MIN_RUNS, Math.min(MAX_RUNS, perNet / Math.max(bestMs, 1e-3)));
    }
}
