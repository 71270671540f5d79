package io.archexplorer.app.study;

import io.archexplorer.engine.runtime.RuntimeOptions;

/**
 * How a variant is run and measured.
 *
 * @param threads worker threads of the runtime (1 to the machine's cores)
 * @param batch images per run; figures stay per image
 * @param fused fold batchnorm into convolutions and fuse activations, as a production runtime does; off shows
 *     what element-wise ops cost on their own (ShuffleNet V2's guideline 4)
 * @param autoMeasure measure every new variant in the background
 */
public record RunSettings(int threads, int batch, boolean fused, boolean autoMeasure) {
    public static final int MAX_BATCH = 256;

    public RunSettings {
        if (threads < 1 || threads > cores()) {
            throw new IllegalArgumentException("threads must be 1.." + cores() + ", not " + threads);
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch must be 1.." + MAX_BATCH + ", not " + batch);
        }
    }

    public static RunSettings defaults() {
        return new RunSettings(cores(), 1, true, true);
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public RuntimeOptions runtimeOptions() {
        return RuntimeOptions.defaults().withThreads(threads).withFusion(fused);
    }

    /** True when a measurement under these settings stands for one under {@code o} (same threads, batch, fusion). */
    public boolean measuresLike(RunSettings o) {
        return threads == o.threads && batch == o.batch && fused == o.fused;
    }

    public RunSettings withThreads(int n) {
        return new RunSettings(n, batch, fused, autoMeasure);
    }

    public RunSettings withBatch(int n) {
        return new RunSettings(threads, n, fused, autoMeasure);
    }

    public RunSettings withFused(boolean f) {
        return new RunSettings(threads, batch, f, autoMeasure);
    }

    public RunSettings withAutoMeasure(boolean a) {
        return new RunSettings(threads, batch, fused, a);
    }
}
