package io.archexplorer.engine.runtime.layers;

import io.archexplorer.engine.runtime.kernels.Parallelism;

/** Splits a run of independent items across threads when each thread gets enough work to pay for the hand-off. */
final class Split {
    /** Below about this many touched floats per thread, waking a worker costs more than it saves. */
    private static final long MIN_WORK_PER_THREAD = 1 << 15;

    private Split() {
    }

    /** Calls {@code range.run(from, to)} over [0, items) in contiguous parts; {@code workPerItem} in floats. */
    static void run(Parallelism parallelism, int items, long workPerItem, Range range) {
        long parts = Math.min(parallelism.threads(), Math.max(1, items * workPerItem / MIN_WORK_PER_THREAD));
        int p = (int) Math.min(parts, items);
        if (p <= 1) {
            range.run(0, items);
            return;
        }
        parallelism.run(p, part -> range.run((int) ((long) items * part / p), (int) ((long) items * (part + 1) / p)));
    }

    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }
}
