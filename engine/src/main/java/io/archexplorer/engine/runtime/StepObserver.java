package io.archexplorer.engine.runtime;

/** Sees each step's output right after the step ran (e.g. to check activations, or show their statistics). */
@FunctionalInterface
public interface StepObserver {
    /** The first {@code length} values of {@code buffer} are the step's output; the buffer is reused later. */
    void after(Step step, float[] buffer, int length);
}
