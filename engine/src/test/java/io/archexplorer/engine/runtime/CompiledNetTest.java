package io.archexplorer.engine.runtime;

import static io.archexplorer.engine.runtime.RuntimeAssertions.assertEveryStepClose;
import static io.archexplorer.engine.runtime.RuntimeAssertions.perturbBatchNorm;
import static io.archexplorer.engine.runtime.RuntimeAssertions.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.runtime.kernels.Sgemm;
import io.archexplorer.engine.weights.NetWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledNetTest {

    /** A small net with every op, odd sizes and batch 3: stem, SE-style gate, split/shuffle, pools, head. */
    private static Net everyOp(Activation.Function act) {
        NetBuilder b = new NetBuilder("every-op");
        String x = b.add("in", new Input(3, 5, 13, 11));
        x = b.add("conv", new Conv(12, 3, 5, 2, 1, 1, 2, 1, 1, 1, true), x);
        x = b.add("bn", new BatchNorm(), x);
        x = b.add("act", new Activation(act), x);
        String dw = b.add("dw", new Conv(12, 3, 3, 1, 1, 2, 2, 2, 2, 12, false), x);
        String pw = b.add("pw", new Conv(12, 1, 1, 1, 1, 0, 0, 1, 1, 3, false), dw);
        String gate = b.add("squeeze", new GlobalAvgPool(), pw);
        gate = b.add("gate", new Activation(Activation.Function.SIGMOID), gate);
        String scaled = b.add("scale", new ChannelMultiply(), pw, gate);
        String sum = b.add("sum", new Add(), scaled, x, pw);
        sum = b.add("residual_scale", new ScalarMultiply(0.17), sum);
        String left = b.add("left", new ChannelSlice(0, 5), sum);
        String right = b.add("right", new ChannelSlice(5, 12), sum);
        right = b.add("right_act", new Activation(Activation.Function.HARD_SWISH), right);
        x = b.add("cat", new Concat(), left, right);
        x = b.add("shuffle", new ChannelShuffle(3), x);
        x = b.add("lrn", new Lrn(5, 1e-2, 0.75, 2), x);
        String max = b.add("max", Pool.max(3, 2, 1).withCeilMode(), x);
        String avg = b.add("avg", new Pool(Pool.Mode.AVG, 3, 3, 2, 2, 1, 1, true, false), x);
        x = b.add("pools", new Concat(), max, avg);
        x = b.add("tanh", new Activation(Activation.Function.TANH), x);
        x = b.add("adaptive", new AdaptiveAvgPool(2, 3), x);
        x = b.add("same", new Identity(), x);
        x = b.add("flat", new Flatten(), x);
        x = b.add("drop", new Dropout(0.5), x);
        x = b.add("fc", new FullyConnected(7, true), x);
        x = b.add("hs", new Activation(Activation.Function.HARD_SIGMOID), x);
        b.add("prob", new Softmax(), x);
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({
        "RELU, 1, true", "RELU, 2, true", "RELU6, 2, true", "RELU, 2, false", "SWISH, 1, true", "TANH, 2, false"})
    void everyOpMatchesTheReference(Activation.Function act, int threads, boolean fuse) {
        Net net = everyOp(act);
        NetWeights weights = NetWeights.generate(net, 7);
        perturbBatchNorm(weights, 3);
        float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 11);
        try (CompiledNet compiled = CompiledNet.compile(net, weights, new RuntimeOptions(threads, fuse, fuse))) {
            assertEveryStepClose(net, weights, compiled, input, 1e-4);
        }
    }

    /**
     * The ops Caffe files bring, batch 2: Caffe's BatchNorm + Scale pair, an FCN-style upsampling (deconvolution,
     * crop to a reference blob, fuse), Eltwise PROD and MAX and a Reshape.
     */
    private static Net caffeOps() {
        NetBuilder b = new NetBuilder("caffe-ops");
        String x = b.add("in", new Input(2, 4, 9, 7));
        x = b.add("conv", new Conv(6, 3, 3, 2, 2, 0, 0, 1, 1, 1, false), x);
        x = b.add("bn", new BatchNorm(1e-5, false), x);
        x = b.add("scale", new Scale(true), x);
        String gamma = b.add("gamma_only", new Scale(false), x);
        String up = b.add("up", new ConvTranspose(6, 4, 3, 2, 2, 1, 0, 1, 1, 2, true), gamma);
        String cropped = b.add("crop", new Crop(2, List.of(1, 2)), up, x);
        String product = b.add("product", new Elementwise(Elementwise.Operation.MUL), cropped, x);
        String larger = b.add("larger", new Elementwise(Elementwise.Operation.MAX), product, x, cropped);
        x = b.add("reshape", new Reshape(List.of(0, 2, -1, 3)), larger);
        b.add("fc", new FullyConnected(5, true), x);
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({"1, true", "2, false"})
    void caffeOpsMatchTheReference(int threads, boolean fuse) {
        Net net = caffeOps();
        // (4 − 1)·2 − 2·1 + 4 = 8 rows, (3 − 1)·2 + 3 = 7 columns
        assertEquals(Shape.of(2, 6, 8, 7), net.outputShape(net.indexOf("up")));
        NetWeights weights = NetWeights.generate(net, 5);
        perturbBatchNorm(weights, 5);
        float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 13);
        try (CompiledNet compiled = CompiledNet.compile(net, weights, new RuntimeOptions(threads, fuse, fuse))) {
            assertEveryStepClose(net, weights, compiled, input, 1e-4);
        }
    }

    /**
     * A scalar multiply by 0.25 (a power of two, so exact in float) on 2·3·7·5 = 210 values, a count that leaves a
     * tail after the vector loop, split over two threads: every output is exactly a quarter of its input.
     */
    @Test
    void scalarMultiplyScalesEveryElement() {
        NetBuilder b = new NetBuilder("scalar");
        b.add("scaled", new ScalarMultiply(0.25), b.add("in", new Input(2, 3, 7, 5)));
        float[] input = randomInput(210, 4);
        try (CompiledNet compiled = CompiledNet.create(b.build(), 1, new RuntimeOptions(2, true, true))) {
            float[] output = compiled.run(input);
            assertEquals(210, output.length);
            for (int i = 0; i < input.length; i++) {
                assertEquals(input[i] / 4, output[i], 0.0, "element " + i);
            }
        }
    }

    @Test
    void foldingRemovesBatchNormAndActivationSteps() {
        Net net = everyOp(Activation.Function.RELU);
        try (CompiledNet fused = CompiledNet.create(net, 1, new RuntimeOptions(1, true, true));
             CompiledNet unfused = CompiledNet.create(net, 1, new RuntimeOptions(1, false, false))) {
            Step conv = fused.steps().get(0);
            assertEquals("conv", conv.name());
            assertEquals(List.of("bn", "act"), conv.absorbed());
            // Views (identity, flatten, dropout) never run; unfused, every other layer but the input does.
            assertEquals(net.size() - 1 - 3, unfused.steps().size());
            assertEquals(unfused.steps().size() - 2, fused.steps().size());
        }
    }

    /**
     * A chain of same-size layers needs two buffers, whatever its length: each conv reads one and writes the other
     * (the input's buffer is reused once the first conv has read it), and each ReLU works in place.
     */
    @Test
    void memoryPlanReusesBuffers() {
        NetBuilder b = new NetBuilder("chain");
        String x = b.add("in", new Input(1, 8, 32, 32));
        for (int i = 0; i < 20; i++) {
            x = b.add("conv" + i, Conv.of(8, 3, 1, 1), x);
            x = b.add("relu" + i, Activation.relu(), x);
        }
        Net net = b.build();
        long tensorBytes = 4L * 8 * 32 * 32;
        try (CompiledNet unfused = CompiledNet.create(net, 1, new RuntimeOptions(1, false, false))) {
            assertEquals(2 * tensorBytes, unfused.activationBytes());
        }
    }

    @Test
    void aNetTooLargeForTheHeapIsRefusedWithItsFigures() {
        NetBuilder b = new NetBuilder("huge");
        // Two live 16×64×1024×1024 tensors: 8 GiB, more than the test JVM's heap.
        String x = b.add("in", new Input(16, 3, 1024, 1024));
        x = b.add("conv1", Conv.of(64, 3, 1, 1), x);
        b.add("conv2", Conv.of(64, 3, 1, 1), x);
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> CompiledNet.create(b.build(), 1, RuntimeOptions.defaults()));
        assertTrue(e.getMessage().contains("huge") && e.getMessage().contains("peak activations"), e.getMessage());
    }

    @Test
    void theKernelsScratchIsCountedPerThread() {
        Net net = everyOp(Activation.Function.RELU);
        long one = MemoryBudget.scratchBytes(net, 1);
        // At least the GEMM's packing buffer, and more: the padded inputs of its convolutions.
        assertTrue(one > 4L * Sgemm.scratchFloats(0), "scratch " + one);
        assertEquals(2 * one, MemoryBudget.scratchBytes(net, 2));
    }

    @Test
    void cancellationStopsBetweenSteps() {
        Net net = everyOp(Activation.Function.RELU);
        CancellationToken cancel = new CancellationToken();
        List<String> progress = new ArrayList<>();
        try (CompiledNet compiled = CompiledNet.create(net, 1, new RuntimeOptions(1, true, true))) {
            float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 1);
            assertThrows(CancellationException.class, () -> Profiler.measure(compiled, input,
                    MeasurePlan.fixed(2, 100),
                    (done, total) -> {
                        progress.add(done + "/" + total);
                        if (done == 3) {
                            cancel.cancel();
                        }
                    }, cancel));
        }
        assertEquals(List.of("1/102", "2/102", "3/102"), progress);
    }

    @Test
    void profileCoversEveryStep() {
        Net net = everyOp(Activation.Function.RELU);
        try (CompiledNet compiled = CompiledNet.create(net, 1, new RuntimeOptions(2, true, true))) {
            float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 1);
            Profile p = Profiler.measure(compiled, input, MeasurePlan.fixed(1, 5),
                    ProgressListener.NONE, CancellationToken.none());
            assertEquals(compiled.steps().size(), p.steps().size());
            assertTrue(p.minMs() <= p.medianMs() && p.medianMs() <= p.maxMs());
            assertEquals(3, p.batch());
            assertEquals(3 * 1000 / p.medianMs(), p.imagesPerSecond(), 1e-9);
        }
    }
}
