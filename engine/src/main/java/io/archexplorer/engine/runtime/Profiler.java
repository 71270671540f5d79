package io.archexplorer.engine.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Measures a compiled net: {@code warmup} runs to let the JIT compile the kernels and the caches settle, then
 * {@code runs} timed runs; medians, not means, so one interrupted run does not move the figures.
 */
public final class Profiler {
    private Profiler() {
    }

    /**
     * @throws CancellationException when {@code cancel} is set (checked between steps)
     */
    public static Profile measure(CompiledNet net, float[] input, int warmup, int runs, ProgressListener progress,
                                  CancellationToken cancel) {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("runs must be ≥ 1 and warm-up ≥ 0");
        }
        int stepCount = net.steps().size();
        long[] stepNanos = new long[stepCount];
        long[][] perStep = new long[stepCount][runs];
        double[] totals = new double[runs];
        for (int r = 0; r < warmup + runs; r++) {
            long t0 = System.nanoTime();
            net.run(input, cancel, stepNanos);
            long elapsed = System.nanoTime() - t0;
            if (r >= warmup) {
                int m = r - warmup;
                totals[m] = elapsed / 1e6;
                for (int s = 0; s < stepCount; s++) {
                    perStep[s][m] = stepNanos[s];
                }
            }
            progress.progress(r + 1, warmup + runs);
        }
        List<Profile.StepTiming> timings = new ArrayList<>(stepCount);
        for (int s = 0; s < stepCount; s++) {
            Arrays.sort(perStep[s]);
            timings.add(new Profile.StepTiming(net.steps().get(s), perStep[s][runs / 2] / 1e6));
        }
        double[] sorted = totals.clone();
        Arrays.sort(sorted);
        return new Profile(net.options().threads(), net.net().inputShape().n(), runs, sorted[runs / 2], sorted[0],
                sorted[runs - 1], timings);
    }
}
