package io.archexplorer.engine.runtime;

/** Told how far a measurement has got, e.g. to move a progress bar. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    /**
     * {@code done} of {@code total} runs have finished: warm-up and timed runs together when both counts are fixed,
     * else the timed runs (the warm-up is told by {@link #warmingUp}).
     */
    void progress(int done, int total);

    /** {@code done} warm-up runs have finished, when their count is not fixed (warm-up until the speed settles). */
    default void warmingUp(int done) {
    }

    /**
     * A timed run of net {@code net} (its index in the list measured together) has just finished: the order of these
     * calls is the order the runs were taken in, A B C A B C … when nets are interleaved.
     */
    default void timedRun(int net) {
    }
}
