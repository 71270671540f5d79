package io.archexplorer.engine.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Measures compiled nets with the one protocol of the project ({@link MeasurePlan}): warm-up, then timed runs;
 * medians, not means, so one interrupted run does not move the figures.
 */
public final class Profiler {
    private Profiler() {
    }

    /**
     * @throws CancellationException when {@code cancel} is set (checked between steps)
     */
    public static Profile measure(CompiledNet net, float[] input, MeasurePlan plan, ProgressListener progress,
                                  CancellationToken cancel) {
        return measureInterleaved(List.of(net), List.of(input), plan, progress, cancel).get(0);
    }

    /**
     * Measures several nets for a fair comparison: each warms up as the plan says, then the timed runs alternate
     * between the nets in {@link MeasurePlan#rounds()} rounds. With a run budget, the nets share it.
     *
     * @param inputs one per net
     * @return one profile per net, in order
     */
    public static List<Profile> measureInterleaved(List<CompiledNet> nets, List<float[]> inputs, MeasurePlan plan,
                                                   ProgressListener progress, CancellationToken cancel) {
        if (nets.size() != inputs.size() || nets.isEmpty()) {
            throw new IllegalArgumentException("one input per net, and at least one net");
        }
        // With both counts fixed, progress counts warm-up and timed runs together, as a progress bar wants; otherwise
        // the warm-up is told apart (its length is not known) and progress counts the timed runs.
        boolean countsFixed = !plan.warmsUpUntilStable() && !plan.runsByBudget();
        ProgressListener warmupProgress = countsFixed ? new ProgressListener() {
            @Override
            public void progress(int done, int total) {
            }

            @Override
            public void warmingUp(int done) {
                progress.progress(done, nets.size() * (plan.warmupRuns() + plan.runs()));
            }
        } : progress;
        int[] warmups = new int[nets.size()];
        int[] runs = new int[nets.size()];
        int warmupDone = 0;
        for (int i = 0; i < nets.size(); i++) {
            Warmup w = warmUp(nets.get(i), inputs.get(i), plan, warmupDone, warmupProgress, cancel);
            warmups[i] = w.runs();
            warmupDone += w.runs();
            runs[i] = plan.runsFor(w.bestMs(), nets.size());
        }
        Recorder[] recorders = new Recorder[nets.size()];
        int total = 0;
        for (int i = 0; i < nets.size(); i++) {
            recorders[i] = new Recorder(nets.get(i).steps().size(), runs[i]);
            total += runs[i];
        }
        int done = countsFixed ? warmupDone : 0;
        total += done;
        int rounds = nets.size() == 1 ? 1 : plan.rounds();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < nets.size(); i++) {
                // This round's share of net i's runs: rounds end at multiples of runs/rounds, the last takes the rest.
                int until = (int) ((long) runs[i] * (round + 1) / rounds);
                while (recorders[i].recorded < until) {
                    recorders[i].record(nets.get(i), inputs.get(i), cancel);
                    progress.timedRun(i);
                    progress.progress(++done, total);
                }
            }
        }
        List<Profile> profiles = new ArrayList<>(nets.size());
        for (int i = 0; i < nets.size(); i++) {
            profiles.add(recorders[i].profile(nets.get(i), warmups[i]));
        }
        return profiles;
    }

    private record Warmup(int runs, double bestMs) {
    }

    /** Warm-up runs as the plan says; returns how many it took and the best time, to size the timed runs. */
    private static Warmup warmUp(CompiledNet net, float[] input, MeasurePlan plan, int doneBefore,
                                 ProgressListener progress, CancellationToken cancel) {
        long[] stepNanos = new long[net.steps().size()];
        long start = System.nanoTime();
        long lastGain = start;
        double best = Double.MAX_VALUE;
        int done = 0;
        while (true) {
            if (!plan.warmsUpUntilStable() && done >= plan.warmupRuns()) {
                // A fixed warm-up of 0 still needs a time to size a run budget: the first timed run will do.
                boolean sizeBudget = done == 0 && plan.runsByBudget();
                return new Warmup(done, sizeBudget ? timeOnce(net, input, stepNanos, cancel) : best);
            }
            long t0 = System.nanoTime();
            net.run(input, cancel, stepNanos);
            long t1 = System.nanoTime();
            double ms = (t1 - t0) / 1e6;
            if (ms < best * (1 - MeasurePlan.GAIN)) {
                lastGain = t1;
            }
            best = Math.min(best, ms);
            done++;
            progress.warmingUp(doneBefore + done);
            if (plan.warmsUpUntilStable()) {
                double elapsedMs = (t1 - start) / 1e6;
                boolean settled = (t1 - lastGain) / 1e6 >= MeasurePlan.STABLE_MS
                        && elapsedMs >= MeasurePlan.WARMUP_MIN_MS;
                if (done >= MeasurePlan.MIN_WARMUP && (settled || elapsedMs >= MeasurePlan.WARMUP_MAX_MS)) {
                    return new Warmup(done, best);
                }
            }
        }
    }

    /** One untimed run's time, to size a run budget when the plan has no warm-up. */
    private static double timeOnce(CompiledNet net, float[] input, long[] stepNanos, CancellationToken cancel) {
        long t0 = System.nanoTime();
        net.run(input, cancel, stepNanos);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The timed runs of one net: total and per-step times of each. */
    private static final class Recorder {
        final long[] stepNanos;
        final long[][] perStep;
        final double[] totals;
        int recorded;

        Recorder(int steps, int runs) {
            stepNanos = new long[steps];
            perStep = new long[steps][runs];
            totals = new double[runs];
        }

        void record(CompiledNet net, float[] input, CancellationToken cancel) {
            long t0 = System.nanoTime();
            net.run(input, cancel, stepNanos);
            totals[recorded] = (System.nanoTime() - t0) / 1e6;
            for (int s = 0; s < stepNanos.length; s++) {
                perStep[s][recorded] = stepNanos[s];
            }
            recorded++;
        }

        Profile profile(CompiledNet net, int warmupRuns) {
            int runs = totals.length;
            List<Profile.StepTiming> timings = new ArrayList<>(stepNanos.length);
            for (int s = 0; s < stepNanos.length; s++) {
                double[] ms = new double[runs];
                for (int m = 0; m < runs; m++) {
                    ms[m] = perStep[s][m] / 1e6;
                }
                timings.add(new Profile.StepTiming(net.steps().get(s), median(ms)));
            }
            double[] sorted = totals.clone();
            Arrays.sort(sorted);
            return new Profile(net.options().threads(), net.net().inputShape().n(), warmupRuns, runs, median(totals),
                    sorted[0], sorted[runs - 1], quantile(sorted, 0.25), quantile(sorted, 0.75), timings);
        }
    }

    /**
     * The {@code p}-quantile of sorted values, interpolated linearly between the two nearest ranks (NumPy's default,
     * R's type 7): with 5 values, q1 is the 2nd and q3 the 4th.
     */
    static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
