package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.runtime.kernels.Parallelism;

/** Splits a run of independent items across threads when each thread gets enough work to pay for the hand-off. */
final class Split {
    /** Below about this many touched floats per part, handing it to a worker costs more than it saves. */
    private static final long MIN_WORK_PER_PART = 1 << 15;

    private Split() {
    }

    /** Parts handed out per thread: a thread that is descheduled holds up the others by one part only. */
    private static final int PARTS_PER_THREAD = 4;

    /**
     * Calls {@code range.run(from, to)} over [0, items) in contiguous parts; {@code workPerItem} in floats. With
     * more than one thread there are several parts per thread, each still worth a hand-off.
     */
    static void run(Parallelism parallelism, int items, long workPerItem, Range range) {
        int threads = parallelism.threads();
        long enough = Math.max(1, (long) items * workPerItem / MIN_WORK_PER_PART);
        int p = (int) Math.min(Math.min(threads == 1 ? 1 : PARTS_PER_THREAD * threads, enough), items);
        if (threads == 1 || p <= 1) {
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
