package io.archexplorer.samples.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.onnx.OnnxExporter;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profiler;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Our runtime against ONNX Runtime, in one run, on the same nets with the same weights: each net is exported, run
 * in ONNX Runtime (all graph optimizations on, intra-op threads = ours) and in our engine, batch 1; medians of
 * {@value #RUNS} runs after {@value #WARMUP} warm-up runs, at 1 and at 2 threads. The target: within 2.0× of ONNX
 * Runtime on every net (aim 1.25×).
 *
 * <p>Run from the repository root: {@code mvn -q -DskipTests -Pbench-runtime test}
 * (optionally {@code -Dbench.nets=resnet50,mobilenet_v2 -Dbench.threads=2}; {@code -Dbench.rounds=3} measures
 * both engines three times, alternately, and keeps each one's best median: on a shared machine, the figures
 * least disturbed by other processes).
 */
public final class RuntimeBenchmark {
    private static final int WARMUP = 10;
    private static final int RUNS = 30;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 1);

    private RuntimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> nets = List.of(System.getProperty("bench.nets",
                "resnet50,resnext50_32x4d,densenet121,mobilenet_v2,shufflenet_v2_x1_0,squeezenet1_1").split(","));
        List<String> threadCounts = List.of(System.getProperty("bench.threads", "1,2").split(","));
        System.out.printf(Locale.ROOT, "%-20s %7s %12s %12s %8s%n", "net", "threads", "ours ms", "ORT ms",
                "ours/ORT");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String threadText : threadCounts) {
            int threads = Integer.parseInt(threadText.trim());
            for (String name : nets) {
                Net net = Catalog.standard().resolve(name.trim(), Map.of()).build();
                NetWeights weights = NetWeights.generate(net, 42);
                float[] input = input(net);
                // Each round measures both engines, one after the other; the best median of each engine is kept,
                // the one least disturbed by whatever else runs on the machine.
                double ours = Double.POSITIVE_INFINITY;
                double theirs = Double.POSITIVE_INFINITY;
                for (int round = 0; round < ROUNDS; round++) {
                    ours = Math.min(ours, ours(net, weights, input, threads));
                    theirs = Math.min(theirs, onnxRuntime(env, net, weights, input, threads));
                }
                System.out.printf(Locale.ROOT, "%-20s %7d %12.2f %12.2f %7.2fx%n", name.trim(), threads, ours, theirs,
                        ours / theirs);
            }
        }
    }

    private static double ours(Net net, NetWeights weights, float[] input, int threads) {
        try (CompiledNet compiled = CompiledNet.compile(net, weights, RuntimeOptions.defaults().withThreads(threads))) {
            return Profiler.measure(compiled, input, MeasurePlan.fixed(WARMUP, RUNS),
                    ProgressListener.NONE, CancellationToken.none())
                    .medianMs();
        }
    }

    private static double onnxRuntime(OrtEnvironment env, Net net, NetWeights weights, float[] input, int threads)
            throws IOException, OrtException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        OnnxExporter.write(net, weights, model);
        long[] shape = Arrays.stream(net.inputShape().dims()).asLongStream().toArray();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            try (OrtSession session = env.createSession(model.toByteArray(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
                double[] times = new double[RUNS];
                for (int r = 0; r < WARMUP + RUNS; r++) {
                    long t0 = System.nanoTime();
                    try (OrtSession.Result result = session.run(Map.of("input", x))) {
                        if (r >= WARMUP) {
                            times[r - WARMUP] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                }
                Arrays.sort(times);
                return times[RUNS / 2];
            }
        }
    }

    private static float[] input(Net net) {
        Random random = new Random(1);
        float[] x = new float[Math.toIntExact(net.inputShape().elements())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
