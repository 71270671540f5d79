package io.archexplorer.engine.runtime;

/**
 * How the runtime executes a net. The inference rewrites never change the analysis figures; each can be switched
 * off, because the unfused run is what shows ShuffleNet V2's guideline 4 (element-wise ops are not free).
 *
 * @param threads worker threads for the kernels, the caller's thread included
 * @param foldBatchNorm fold a batchnorm into the convolution it follows (scaled weights, shifted bias)
 * @param fuseActivations apply a ReLU/ReLU6 that follows a convolution while its output tile is still hot, and
 *                        add a residual shortcut there too (the convolution accumulates onto the shortcut)
 */
public record RuntimeOptions(int threads, boolean foldBatchNorm, boolean fuseActivations) {
    public RuntimeOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
    }

    /** All cores, every rewrite on. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(Runtime.getRuntime().availableProcessors(), true, true);
    }

    public RuntimeOptions withThreads(int n) {
        return new RuntimeOptions(n, foldBatchNorm, fuseActivations);
    }

    /** Every layer runs on its own: no folding, no fusion. */
    public RuntimeOptions unfused() {
        return withFusion(false);
    }

    /** Every rewrite on ({@code true}) or off, as the command line's {@code --fuse} and the window's switch say. */
    public RuntimeOptions withFusion(boolean on) {
        return new RuntimeOptions(threads, on, on);
    }
}
