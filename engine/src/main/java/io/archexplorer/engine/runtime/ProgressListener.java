package io.archexplorer.engine.runtime;

/** Told how far a measurement has got, e.g. to move a progress bar. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} runs (warm-up included) have finished. */
    void progress(int done, int total);
}
