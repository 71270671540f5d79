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
            double[] ms = new double[runs];
            for (int m = 0; m < runs; m++) {
                ms[m] = perStep[s][m] / 1e6;
            }
            timings.add(new Profile.StepTiming(net.steps().get(s), median(ms)));
        }
        double[] sorted = totals.clone();
        Arrays.sort(sorted);
        return new Profile(net.options().threads(), net.net().inputShape().n(), runs, median(totals), sorted[0],
                sorted[runs - 1], timings);
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
