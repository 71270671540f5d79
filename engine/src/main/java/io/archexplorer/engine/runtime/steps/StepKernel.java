package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.runtime.kernels.Parallelism;

/** One executable step of a compiled net, bound to its input and output buffers at compile time. */
@FunctionalInterface
public interface StepKernel {
    void run(Parallelism parallelism);
}
