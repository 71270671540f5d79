package io.archexplorer.engine.runtime;

import java.util.List;

/**
 * Measured speed of a compiled net: latency over the measured runs (after warm-up), throughput, and the median
 * time of every step.
 *
 * @param warmupRuns the runs before the timed ones (as many as the speed took to settle, or as asked)
 * @param runs the timed runs
 * @param q1Ms the first quartile of the timed runs' latency: with {@code q3Ms}, the spread a difference between two
 *     nets must exceed to be more than noise
 * @param q3Ms the third quartile
 * @param steps per step, in execution order
 */
public record Profile(int threads, int batch, int warmupRuns, int runs, double medianMs, double minMs, double maxMs,
                      double q1Ms, double q3Ms, List<StepTiming> steps) {

    /** The interquartile range of the latency, q3 − q1. */
    public double iqrMs() {
        return q3Ms - q1Ms;
    }

    /**
     * The same latency figures without the per-step times: a step holds its kernel and weights, so a profile kept
     * for long (a sweep's or the atlas' dozens of nets) should not keep them alive.
     */
    public Profile latencyOnly() {
        return new Profile(threads, batch, warmupRuns, runs, medianMs, minMs, maxMs, q1Ms, q3Ms, List.of());
    }

    /** Images per second at the median latency. */
    public double imagesPerSecond() {
        return batch * 1000.0 / medianMs;
    }

    /** Achieved GFLOP/s of the whole net at the median latency. */
    public double gflops() {
        long multAdds = steps.stream().mapToLong(t -> t.step().multAdds()).sum();
        return gflopsOf(multAdds, medianMs);
    }

    /** GFLOP/s of {@code multAdds} mult-adds done in {@code ms} milliseconds: a mult-add is 2 floating-point ops. */
    public static double gflopsOf(long multAdds, double ms) {
        return 2.0 * multAdds / (ms * 1e6);
    }

    /**
     * Each layer's median milliseconds, for heat maps and shares: a step's time goes to the layer it computes, layers
     * it absorbed (a folded batchnorm, a fused ReLU) and layers without a step get 0.
     *
     * @param layers the number of layers of the net that was measured
     */
    public double[] millisPerLayer(int layers) {
        double[] ms = new double[layers];
        for (StepTiming t : steps) {
            ms[t.step().layer()] += t.medianMs();
        }
        return ms;
    }

    /**
     * One step's median time.
     *
     * @param medianMs median over the measured runs of this step's own time
     */
    public record StepTiming(Step step, double medianMs) {
        /** Achieved GFLOP/s of the step (0 for steps without mult-adds). */
        public double gflops() {
            return medianMs > 0 ? gflopsOf(step.multAdds(), medianMs) : 0;
        }
    }
}
