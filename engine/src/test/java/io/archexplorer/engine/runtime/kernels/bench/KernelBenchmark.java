package io.archexplorer.engine.runtime.kernels.bench;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.runtime.kernels.FusedActivation;
import io.archexplorer.engine.runtime.steps.PoolKernels;
import io.archexplorer.engine.runtime.kernels.Conv2d;
import io.archexplorer.engine.runtime.kernels.ConvGeometry;
import io.archexplorer.engine.runtime.kernels.DepthwiseConv2d;
import io.archexplorer.engine.runtime.kernels.Epilogue;
import io.archexplorer.engine.runtime.kernels.Parallelism;
import io.archexplorer.engine.runtime.kernels.WorkerPool;
import io.archexplorer.engine.runtime.kernels.ReferenceKernels;
import io.archexplorer.engine.runtime.kernels.Sgemm;
import io.archexplorer.engine.runtime.steps.StepKernel;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;

/**
 * GFLOP/s of the kernels on the shapes that dominate ResNet-50 and MobileNetV2, on 1 and 2 threads, next to the
 * plain reference loops. Not a test: run it on a quiet machine, from the repository root, with
 *
 * <pre>
 * mvn -q -pl engine test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=--add-modules jdk.incubator.vector -cp %classpath io.archexplorer.engine.runtime.kernels.bench.KernelBenchmark"
 * </pre>
 *
 * Each figure is the median of {@value #RUNS} timed runs after {@value #WARMUP_MILLIS} ms of warm-up, so that
 * C2 has compiled the kernels and other processes sharing the cores disturb single runs only; the best run is
 * printed too, as the figure least disturbed by a busy machine. The naive column is the plain reference loop
 * (double accumulation, bounds tests), median of {@value #NAIVE_RUNS} runs. {@code -Dkernels=TEXT} (in the
 * exec.args, before {@code -cp}) runs only the kernels whose name contains TEXT,
 * {@code -Dcold=true} times each run with cold caches.
 */
public final class KernelBenchmark {

    private static final int RUNS = 15;
    private static final int NAIVE_RUNS = 3;
    private static final long WARMUP_MILLIS = 700;
    private static final int MAX_THREADS = 2;

    private interface Kernel {
        void run(Parallelism parallelism);
    }

    public static void main(String[] args) {
        WorkerPool pool = new WorkerPool(MAX_THREADS - 1);
        Parallelism[] settings = {Parallelism.SINGLE_THREAD, Parallelism.of(pool)};
        // The load average says how far the figures are from a quiet machine's: above ~0.5 someone else is running.
        System.out.printf("GFLOP/s, median of %d runs; %s, %d cpus, %s, load average %.2f%n", RUNS,
                FloatVector.SPECIES_PREFERRED, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-38s %7s %9s %9s %9s %9s %8s%n", "kernel", "naive", "1t med", "1t best", "2t med",
                "2t best", "ms 2t");

        gemm(settings, 64, 3136, 576);
        gemm(settings, 256, 784, 1152);

        conv(settings, "conv1 7x7/2 3->64 @224", ConvGeometry.of(1, 3, 224, 224, 64, 7, 2, 3, 1, 1));
        conv(settings, "3x3 64->64 @56", ConvGeometry.of(1, 64, 56, 56, 64, 3, 1, 1, 1, 1));
        conv(settings, "1x1 256->64 @56", ConvGeometry.of(1, 256, 56, 56, 64, 1, 1, 0, 1, 1));
        conv(settings, "3x3 512->512 @7", ConvGeometry.of(1, 512, 7, 7, 512, 3, 1, 1, 1, 1));

        conv(settings, "mbv2 conv1 3x3/2 3->32 @224", ConvGeometry.of(1, 3, 224, 224, 32, 3, 2, 1, 1, 1));
        conv(settings, "sqz conv1 3x3/2 3->64 @224", ConvGeometry.of(1, 3, 224, 224, 64, 3, 2, 0, 1, 1));
        conv(settings, "1x1 16->96 @112", ConvGeometry.of(1, 16, 112, 112, 96, 1, 1, 0, 1, 1));
        conv(settings, "1x1 96->24 @56", ConvGeometry.of(1, 96, 56, 56, 24, 1, 1, 0, 1, 1));
        conv(settings, "1x1 64->16 @55", ConvGeometry.of(1, 64, 55, 55, 16, 1, 1, 0, 1, 1));
        conv(settings, "3x3 16->64 @55", ConvGeometry.of(1, 16, 55, 55, 64, 3, 1, 1, 1, 1));
        conv(settings, "3x3 128->32 @56", ConvGeometry.of(1, 128, 56, 56, 32, 3, 1, 1, 1, 1));
        conv(settings, "depthwise 3x3 32ch @112", ConvGeometry.depthwise(1, 32, 112, 112, 3, 1, 1));
        conv(settings, "depthwise 3x3/2 144ch 112->56", ConvGeometry.depthwise(1, 144, 112, 112, 3, 2, 1));
        conv(settings, "depthwise 3x3 960ch @7", ConvGeometry.depthwise(1, 960, 7, 7, 3, 1, 1));
        pool(settings, "max pool 3x3/2 ceil 64ch @111", new Pool(Pool.Mode.MAX, 3, 3, 2, 2, 0, 0, true, false),
                Shape.of(1, 64, 111, 111));
        pool(settings, "avg pool 2x2/2 128ch @56", new Pool(Pool.Mode.AVG, 2, 2, 2, 2, 0, 0, false, false),
                Shape.of(1, 128, 56, 56));
        System.out.printf("load average at the end %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        pool.close();
    }

    private static void gemm(Parallelism[] settings, int m, int n, int k) {
        Random random = new Random(1);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] bias = random(random, m);
        float[] c = new float[m * n];
        Epilogue epilogue = Epilogue.of(bias, FusedActivation.RELU);
        Sgemm.PackedA packed = Sgemm.pack(m, k, a, 0, k);
        report("sgemm " + m + "x" + n + "x" + k + " +bias+relu", 2.0 * m * n * k,
                () -> ReferenceKernels.gemm(m, n, k, a, 0, k, b, 0, n, c, 0, n, false, epilogue),
                parallelism -> Sgemm.multiply(packed, n, b, 0, n, c, 0, n, false, epilogue, parallelism),
                settings);
    }

    private static void conv(Parallelism[] settings, String name, ConvGeometry g) {
        Random random = new Random(2);
        float[] input = random(random, g.inputSize());
        float[] weights = random(random, g.weightSize());
        float[] bias = random(random, g.outChannels());
        float[] output = new float[g.outputSize()];
        Epilogue epilogue = Epilogue.of(bias, FusedActivation.RELU);
        Sgemm.PackedA[] packed = g.isDepthwise() ? null : Conv2d.packWeights(g, weights, 0);
        Kernel kernel = g.isDepthwise()
                ? parallelism -> DepthwiseConv2d.forward(g, input, 0, weights, 0, epilogue, output, 0, parallelism)
                : parallelism -> Conv2d.forward(g, input, 0, packed, epilogue, false, output, 0, parallelism);
        report(name, g.flops(), () -> ReferenceKernels.conv(g, input, weights, epilogue, output), kernel, settings);
    }

    /** A pooling layer; "GFLOP/s" counts one operation per input element read by each window. */
    private static void pool(Parallelism[] settings, String name, Pool pool, Shape in) {
        Shape out = pool.outputShape(List.of(in));
        float[] input = random(new Random(3), Math.toIntExact(in.elements()));
        float[] output = new float[Math.toIntExact(out.elements())];
        StepKernel kernel = PoolKernels.window(pool, in, out, input, output);
        report(name, (double) out.elements() * pool.kernelH() * pool.kernelW(), () -> { }, kernel::run, settings);
    }

    private static void report(String name, double flops, Runnable naive, Kernel kernel, Parallelism[] settings) {
        if (!name.contains(System.getProperty("kernels", ""))) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format("%-38s %7.2f", name,
                flops / sortedNanos(NAIVE_RUNS, naive)[NAIVE_RUNS / 2]));
        double lastMedian = 0;
        for (Parallelism parallelism : settings) {
            long warmupEnd = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
            while (System.nanoTime() < warmupEnd) {
                kernel.run(parallelism);
            }
            long[] nanos = sortedNanos(RUNS, () -> kernel.run(parallelism));
            lastMedian = nanos[RUNS / 2];
            line.append(String.format(" %9.1f %9.1f", flops / lastMedian, flops / nanos[0]));
        }
        line.append(String.format(" %8.3f", lastMedian / 1e6));
        System.out.println(line);
    }

    /** -Dcold=true: each timed run starts with caches full of other data (64 MB written), as inside a net. */
    private static final boolean COLD = Boolean.getBoolean("cold");
    private static final float[] CACHE_FLUSH = new float[COLD ? 1 << 24 : 0];

    private static long[] sortedNanos(int runs, Runnable body) {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            if (COLD) {
                Arrays.fill(CACHE_FLUSH, i);
            }
            long start = System.nanoTime();
            body.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
