package io.archexplorer.samples.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Activation.Function;
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
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op kind in a tiny net (batch 2, odd sizes), exported and run in ONNX Runtime, against {@link ReferenceOps}:
 * the exported graph must compute what the op means, edge cases included (ceil-mode windows, padding excluded from
 * averages, non-divisible adaptive bins, channel shuffle order, slices). Weights come from {@link RandomWeights}.
 */
class OnnxOpSemanticsTest {
    /** |onnx − reference| ≤ ABSOLUTE + RELATIVE · |reference| per element (float32 against double arithmetic). */
    private static final double ABSOLUTE = 1e-5;
    private static final double RELATIVE = 1e-4;

    /**
     * A net from an input layer to a last layer named {@code op}, and how to compute its expected output.
     *
     * @param reference the expected output from the input tensor and the weights of the layer named {@code op}
     */
    record OpCase(Net net, BiFunction<Tensor, LayerWeights, Tensor> reference) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                single("conv 3×2/2×1 pad 1×0, g=2, bias", 4, 7, 5,
                        new Conv(6, 3, 2, 2, 1, 1, 0, 1, 1, 2, true),
                        (x, w) -> ReferenceOps.conv(x, 6, pair(3, 2), pair(2, 1), pair(1, 0), pair(1, 1), 2,
                                w.weight(), w.bias())),
                single("conv depthwise 3×3 dilation 2", 5, 9, 7,
                        new Conv(5, 3, 3, 1, 1, 2, 2, 2, 2, 5, false),
                        (x, w) -> ReferenceOps.conv(x, 5, pair(3, 3), pair(1, 1), pair(2, 2), pair(2, 2), 5,
                                w.weight(), null)),
                single("fc from a feature map, bias", 3, 5, 3, new FullyConnected(7, true),
                        (x, w) -> ReferenceOps.fullyConnected(x, 7, w.weight(), w.bias())),
                single("batchnorm eps 1e-3", 3, 5, 7, new BatchNorm(1e-3),
                        (x, w) -> ReferenceOps.batchNorm(x, w.gamma(), w.beta(), w.mean(), w.variance(), 1e-3)),
                activation(Function.RELU, v -> Math.max(v, 0)),
                activation(Function.RELU6, ReferenceOps.RELU6),
                activation(Function.SIGMOID, ReferenceOps.SIGMOID),
                activation(Function.TANH, Math::tanh),
                activation(Function.SWISH, ReferenceOps.SWISH),
                activation(Function.HARD_SIGMOID, ReferenceOps.HARD_SIGMOID),
                activation(Function.HARD_SWISH, ReferenceOps.HARD_SWISH),
                single("max_pool 3/2 pad 1 ceil", 3, 8, 6, Pool.max(3, 2, 1).withCeilMode(),
                        (x, w) -> ReferenceOps.maxPool(x, 3, 2, 1, true)),
                single("max_pool 2/2 pad 1 ceil, last window dropped", 3, 5, 7, Pool.max(2, 2, 1).withCeilMode(),
                        (x, w) -> ReferenceOps.maxPool(x, 2, 2, 1, true)),
                single("avg_pool 3/2 pad 1 ceil, count_include_pad", 3, 8, 6, Pool.avg(3, 2, 1).withCeilMode(),
                        (x, w) -> ReferenceOps.avgPool(x, 3, 2, 1, true, true)),
                single("avg_pool 3/2 ceil past the edge, no padding", 2, 6, 8, Pool.avg(3, 2, 0).withCeilMode(),
                        (x, w) -> ReferenceOps.avgPool(x, 3, 2, 0, true, true)),
                single("avg_pool 3/1 pad 1, count_include_pad", 3, 7, 5, Pool.avg(3, 1, 1),
                        (x, w) -> ReferenceOps.avgPool(x, 3, 1, 1, false, true)),
                single("avg_pool 2/2 pad 1 ceil, count_include_pad false", 3, 5, 7,
                        new Pool(Pool.Mode.AVG, 2, 2, 2, 2, 1, 1, true, false),
                        (x, w) -> ReferenceOps.avgPool(x, 2, 2, 1, true, false)),
                single("avg_pool 3/2 pad 1, count_include_pad false", 3, 7, 5,
                        new Pool(Pool.Mode.AVG, 3, 3, 2, 2, 1, 1, false, false),
                        (x, w) -> ReferenceOps.avgPool(x, 3, 2, 1, false, false)),
                single("global_avg_pool", 3, 7, 5, new GlobalAvgPool(),
                        (x, w) -> ReferenceOps.globalAvgPool(x)),
                single("adaptive_avg_pool divisible 6×4 → 3×2", 3, 6, 4, new AdaptiveAvgPool(3, 2),
                        (x, w) -> ReferenceOps.adaptiveAvgPool(x, 3, 2)),
                single("adaptive_avg_pool 7×5 → 3×2", 3, 7, 5, new AdaptiveAvgPool(3, 2),
                        (x, w) -> ReferenceOps.adaptiveAvgPool(x, 3, 2)),
                single("adaptive_avg_pool 7×5 → 7×3, height kept", 2, 7, 5, new AdaptiveAvgPool(7, 3),
                        (x, w) -> ReferenceOps.adaptiveAvgPool(x, 7, 3)),
                single("adaptive_avg_pool 5×13 → 4×1", 2, 5, 13, new AdaptiveAvgPool(4, 1),
                        (x, w) -> ReferenceOps.adaptiveAvgPool(x, 4, 1)),
                single("shuffle g=3", 6, 3, 5, new ChannelShuffle(3), (x, w) -> ReferenceOps.channelShuffle(x, 3)),
                single("shuffle g=2", 10, 3, 3, new ChannelShuffle(2), (x, w) -> ReferenceOps.channelShuffle(x, 2)),
                single("slice 2:5", 7, 3, 5, new ChannelSlice(2, 5), (x, w) -> ReferenceOps.channels(x, 2, 5)),
                single("flatten", 3, 5, 3, new Flatten(), (x, w) -> ReferenceOps.flatten(x)),
                single("dropout", 3, 5, 3, new Dropout(0.5), (x, w) -> x),
                single("identity", 3, 5, 3, new Identity(), (x, w) -> x),
                single("lrn size 5", 7, 3, 5, new Lrn(5, 0.5, 0.75, 2.0),
                        (x, w) -> ReferenceOps.lrn(x, 5, 0.5, 0.75, 2.0)),
                single("lrn size 4, even window", 6, 3, 5, new Lrn(4, 1e-1, 0.5, 1.0),
                        (x, w) -> ReferenceOps.lrn(x, 4, 1e-1, 0.5, 1.0)),
                single("softmax over channels", 5, 3, 3, new Softmax(), (x, w) -> ReferenceOps.softmax(x)),
                single("scale γ, β", 4, 3, 5, new Scale(true),
                        (x, w) -> ReferenceOps.scale(x, w.gamma(), w.beta())),
                single("scale γ", 4, 3, 5, new Scale(false), (x, w) -> ReferenceOps.scale(x, w.gamma(), null)),
                single("scalar_mul ×0.17", 4, 3, 5, new ScalarMultiply(0.17),
                        (x, w) -> ReferenceOps.map(x, v -> 0.17 * v)),
                single("conv_transpose 4×3/2×1 pad 1×0, g=2, bias", 4, 5, 3,
                        new ConvTranspose(6, 4, 3, 2, 1, 1, 0, 1, 1, 2, true),
                        (x, w) -> ReferenceOps.convTranspose(x, 6, pair(4, 3), pair(2, 1), pair(1, 0), 2, w.weight(),
                                w.bias())),
                multi("reshape 0, -1", 3, 4, 5, b -> b.add("op", new Reshape(List.of(0, -1)), "input"),
                        (x, w) -> ReferenceOps.flatten(x)),
                multi("crop to a reference blob, offsets 1, 2", 3, 9, 8, b -> {
                    b.add("reference", Pool.max(2, 2, 0), "input");
                    b.add("op", new Crop(2, List.of(1, 2)), "input", "reference");
                }, (x, w) -> ReferenceOps.crop(x, 1, 2, 4, 4)),
                multi("mul of 2", 3, 5, 3, b -> {
                    b.add("sig", new Activation(Function.SIGMOID), "input");
                    b.add("op", new Elementwise(Elementwise.Operation.MUL), "input", "sig");
                }, (x, w) -> ReferenceOps.combine((u, v) -> u * v, x, ReferenceOps.map(x, ReferenceOps.SIGMOID))),
                multi("max of 3", 3, 5, 3, b -> {
                    b.add("sig", new Activation(Function.SIGMOID), "input");
                    b.add("tanh", new Activation(Function.TANH), "input");
                    b.add("op", new Elementwise(Elementwise.Operation.MAX), "input", "sig", "tanh");
                }, (x, w) -> ReferenceOps.combine(Math::max, x, ReferenceOps.map(x, ReferenceOps.SIGMOID),
                        ReferenceOps.map(x, Math::tanh))),
                multi("softmax over features", 3, 5, 3, b -> {
                    b.add("flat", new Flatten(), "input");
                    b.add("op", new Softmax(), "flat");
                }, (x, w) -> ReferenceOps.softmax(ReferenceOps.flatten(x))),
                multi("add of 2", 6, 5, 3, b -> {
                    b.add("a", new ChannelSlice(0, 3), "input");
                    b.add("b", new ChannelSlice(3, 6), "input");
                    b.add("op", new Add(), "a", "b");
                }, (x, w) -> ReferenceOps.sum(ReferenceOps.channels(x, 0, 3), ReferenceOps.channels(x, 3, 6))),
                multi("add of 3", 6, 5, 3, b -> {
                    b.add("a", new ChannelSlice(0, 2), "input");
                    b.add("b", new ChannelSlice(2, 4), "input");
                    b.add("c", new ChannelSlice(4, 6), "input");
                    b.add("op", new Add(), "a", "b", "c");
                }, (x, w) -> ReferenceOps.sum(ReferenceOps.channels(x, 0, 2), ReferenceOps.channels(x, 2, 4),
                        ReferenceOps.channels(x, 4, 6))),
                multi("concat of 3", 6, 5, 3, b -> {
                    b.add("a", new ChannelSlice(4, 6), "input");
                    b.add("b", new ChannelSlice(0, 1), "input");
                    b.add("c", new ChannelSlice(1, 4), "input");
                    b.add("op", new Concat(), "a", "b", "c");
                }, (x, w) -> ReferenceOps.concatChannels(ReferenceOps.channels(x, 4, 6), ReferenceOps.channels(x, 0, 1),
                        ReferenceOps.channels(x, 1, 4))),
                multi("channel_mul by N×C×1×1", 6, 5, 3, b -> {
                    b.add("map", new ChannelSlice(0, 3), "input");
                    b.add("squeeze", new GlobalAvgPool(), b.add("rest", new ChannelSlice(3, 6), "input"));
                    b.add("op", new ChannelMultiply(), "map", "squeeze");
                }, (x, w) -> ReferenceOps.channelMultiply(ReferenceOps.channels(x, 0, 3),
                        ReferenceOps.globalAvgPool(ReferenceOps.channels(x, 3, 6)))),
                multi("channel_mul by N×C", 6, 5, 3, b -> {
                    b.add("map", new ChannelSlice(0, 3), "input");
                    b.add("squeeze", new GlobalAvgPool(), b.add("rest", new ChannelSlice(3, 6), "input"));
                    b.add("op", new ChannelMultiply(), "map", b.add("flat", new Flatten(), "squeeze"));
                }, (x, w) -> ReferenceOps.channelMultiply(ReferenceOps.channels(x, 0, 3),
                        ReferenceOps.globalAvgPool(ReferenceOps.channels(x, 3, 6)))),
                multi("fc from features, no bias", 3, 5, 3, b -> {
                    b.add("flat", new Flatten(), "input");
                    b.add("op", new FullyConnected(4, false), "flat");
                }, (x, w) -> ReferenceOps.fullyConnected(x, 4, w.weight(), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportedGraphComputesTheOp(String label, OpCase c) {
        NetWeights weights = RandomWeights.of(c.net());
        float[] input = OnnxRuntimePeer.randomInput(Math.toIntExact(c.net().inputShape().elements()), 11);
        Tensor expected = c.reference().apply(new Tensor(c.net().inputShape().dims(), input),
                weights.layer(c.net().indexOf("op")));

        OnnxRuntimePeer.Output actual = OnnxRuntimePeer.run(c.net(), weights, input);

        assertArrayEquals(Arrays.stream(expected.dims()).asLongStream().toArray(), actual.shape(), label);
        for (int i = 0; i < expected.data().length; i++) {
            double e = expected.data()[i];
            double a = actual.values()[i];
            assertTrue(Math.abs(a - e) <= ABSOLUTE + RELATIVE * Math.abs(e),
                    label + ": element " + i + " is " + a + ", expected " + e);
        }
    }

    private static Arguments single(String label, int channels, int height, int width, Op op,
                                    BiFunction<Tensor, LayerWeights, Tensor> reference) {
        NetBuilder b = new NetBuilder(label);
        b.add("input", new Input(2, channels, height, width));
        b.add("op", op, "input");
        return Arguments.of(label, new OpCase(b.build(), reference));
    }

    private static Arguments activation(Function function, DoubleUnaryOperator definition) {
        return single(function.kind(), 3, 5, 7, new Activation(function),
                (x, w) -> ReferenceOps.map(x, definition));
    }

    /** A net of the layers {@code body} adds after the input, the last one named {@code op}. */
    private static Arguments multi(String label, int channels, int height, int width, Consumer<NetBuilder> body,
                                   BiFunction<Tensor, LayerWeights, Tensor> reference) {
        NetBuilder b = new NetBuilder(label);
        b.add("input", new Input(2, channels, height, width));
        body.accept(b);
        return Arguments.of(label, new OpCase(b.build(), reference));
    }

    private static int[] pair(int h, int w) {
        return new int[] {h, w};
    }
}
