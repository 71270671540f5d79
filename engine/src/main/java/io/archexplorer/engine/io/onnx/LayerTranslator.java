package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.OnnxMessages.floatAttribute;
import static io.archexplorer.engine.io.onnx.OnnxMessages.intAttribute;
import static io.archexplorer.engine.io.onnx.OnnxMessages.intsAttribute;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.runtime.LayerWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the ONNX nodes (and their initializers) that compute one layer. Node names are layer names; helper nodes
 * and tensors append {@code /what} to the layer name, weights {@code .weight}, {@code .bias} and batchnorm's
 * {@code .running_mean} / {@code .running_var} as PyTorch names them.
 *
 * <p>Every op maps to standard ONNX operators of opset {@value OnnxExporter#OPSET}; where ONNX has no direct
 * equivalent the Javadoc of the translating method says which construction computes the same values.
 */
final class LayerTranslator {
    private final OnnxGraph graph;

    LayerTranslator(OnnxGraph graph) {
        this.graph = graph;
    }

    /**
     * One layer to translate.
     *
     * @param inputs tensor names of the layer's inputs, in order
     * @param output the tensor name the layer's result must have
     */
    record Step(Layer layer, List<String> inputs, List<Shape> inputShapes, Shape outputShape, String output,
                LayerWeights weights) {

        String name() {
            return layer.name();
        }

        String input() {
            return inputs.get(0);
        }

        Shape inputShape() {
            return inputShapes.get(0);
        }

        /** Name of a helper node or tensor of this layer. */
        String helper(String what) {
            return layer.name() + "/" + what;
        }
    }

    void translate(Step s) {
        Op op = s.layer().op();
        if (op instanceof Conv conv) {
            conv(s, conv);
        } else if (op instanceof FullyConnected fc) {
            fullyConnected(s, fc);
        } else if (op instanceof BatchNorm bn) {
            batchNorm(s, bn);
        } else if (op instanceof Activation activation) {
            activation(s, activation.function());
        } else if (op instanceof Pool pool) {
            pool(s, pool);
        } else if (op instanceof GlobalAvgPool) {
            graph.node("GlobalAveragePool", s.name(), s.inputs(), s.output());
        } else if (op instanceof AdaptiveAvgPool) {
            adaptiveAvgPool(s);
        } else if (op instanceof Add) {
            graph.node(s.inputs().size() == 2 ? "Add" : "Sum", s.name(), s.inputs(), s.output());
        } else if (op instanceof ChannelMultiply) {
            channelMultiply(s);
        } else if (op instanceof Concat) {
            graph.node("Concat", s.name(), s.inputs(), s.output(), intAttribute("axis", 1));
        } else if (op instanceof ChannelSlice slice) {
            slice(s.name(), s.input(), s.output(), 1, slice.start(), slice.end());
        } else if (op instanceof ChannelShuffle shuffle) {
            channelShuffle(s, shuffle.groups());
        } else if (op instanceof Flatten) {
            graph.node("Flatten", s.name(), s.inputs(), s.output(), intAttribute("axis", 1));
        } else if (op instanceof Lrn lrn) {
            lrn(s, lrn);
        } else if (op instanceof Softmax) {
            graph.node("Softmax", s.name(), s.inputs(), s.output(), intAttribute("axis", 1));
        } else if (op instanceof Dropout || op instanceof Identity) {
            graph.node("Identity", s.name(), s.inputs(), s.output());
        } else {
            throw new IllegalArgumentException("layer '" + s.name() + "': op '" + op.kind() + "' has no ONNX export");
        }
    }

    private void conv(Step s, Conv conv) {
        int inPerGroup = s.inputShape().c() / conv.groups();
        List<String> inputs = new ArrayList<>(List.of(s.input(), graph.floatInitializer(s.name() + ".weight",
                new long[] {conv.outChannels(), inPerGroup, conv.kernelH(), conv.kernelW()}, s.weights().weight())));
        if (conv.bias()) {
            inputs.add(graph.floatInitializer(s.name() + ".bias", new long[] {conv.outChannels()},
                    s.weights().bias()));
        }
        graph.node("Conv", s.name(), inputs, s.output(),
                intsAttribute("kernel_shape", conv.kernelH(), conv.kernelW()),
                intsAttribute("strides", conv.strideH(), conv.strideW()),
                intsAttribute("pads", conv.padH(), conv.padW(), conv.padH(), conv.padW()),
                intsAttribute("dilations", conv.dilationH(), conv.dilationW()),
                intAttribute("group", conv.groups()));
    }

    /** Gemm multiplies matrices, so a feature-map input is flattened first (as our fc does implicitly). */
    private void fullyConnected(Step s, FullyConnected fc) {
        String features = s.input();
        if (s.inputShape().isFeatureMap()) {
            features = graph.node("Flatten", s.helper("flatten"), List.of(s.input()), s.helper("flatten"),
                    intAttribute("axis", 1));
        }
        long in = s.inputShape().elementsPerImage();
        List<String> inputs = new ArrayList<>(List.of(features,
                graph.floatInitializer(s.name() + ".weight", new long[] {fc.outFeatures(), in}, s.weights().weight())));
        if (fc.bias()) {
            inputs.add(graph.floatInitializer(s.name() + ".bias", new long[] {fc.outFeatures()}, s.weights().bias()));
        }
        graph.node("Gemm", s.name(), inputs, s.output(), intAttribute("transB", 1));
    }

    private void batchNorm(Step s, BatchNorm bn) {
        long[] channels = {s.inputShape().c()};
        LayerWeights w = s.weights();
        graph.node("BatchNormalization", s.name(), List.of(s.input(),
                        graph.floatInitializer(s.name() + ".weight", channels, w.gamma()),
                        graph.floatInitializer(s.name() + ".bias", channels, w.beta()),
                        graph.floatInitializer(s.name() + ".running_mean", channels, w.mean()),
                        graph.floatInitializer(s.name() + ".running_var", channels, w.variance())),
                s.output(), floatAttribute("epsilon", (float) bn.eps()));
    }

    /**
     * relu6 is Clip with its bounds as inputs (opset 11 moved them from attributes); swish is x·sigmoid(x);
     * hard_sigmoid follows PyTorch's relu6(x + 3) / 6, i.e. HardSigmoid with α = 1/6, β = 1/2 (ONNX's default
     * α = 0.2 is Keras's). HardSwish (opset 14) already uses α = 1/6, β = 1/2.
     */
    private void activation(Step s, Activation.Function function) {
        switch (function) {
            case RELU -> graph.node("Relu", s.name(), s.inputs(), s.output());
            case RELU6 -> graph.node("Clip", s.name(), List.of(s.input(),
                    graph.floatScalar(s.name() + "/min", 0f), graph.floatScalar(s.name() + "/max", 6f)), s.output());
            case SIGMOID -> graph.node("Sigmoid", s.name(), s.inputs(), s.output());
            case TANH -> graph.node("Tanh", s.name(), s.inputs(), s.output());
            case SWISH -> {
                String gate = graph.node("Sigmoid", s.helper("sigmoid"), s.inputs(), s.helper("sigmoid"));
                graph.node("Mul", s.name(), List.of(s.input(), gate), s.output());
            }
            case HARD_SIGMOID -> graph.node("HardSigmoid", s.name(), s.inputs(), s.output(),
                    floatAttribute("alpha", 1f / 6), floatAttribute("beta", 0.5f));
            case HARD_SWISH -> graph.node("HardSwish", s.name(), s.inputs(), s.output());
        }
    }

    /**
     * Pools without ONNX's ceil_mode, whose edge cases runtimes disagree on (ONNX shape inference keeps a last window
     * that starts in the right padding, ONNX Runtime's AveragePool divides a window hanging past the padding by the
     * whole kernel). Instead the end padding is widened until floor mode gives our output size; padding never wins
     * a max, and averages exclude it (count_include_pad 0). PyTorch's count_include_pad counts the declared padding
     * but not the widening, so then the declared padding becomes real zeros (a Pad node) that the average counts.
     */
    private void pool(Step s, Pool pool) {
        Shape in = s.inputShape();
        Shape out = s.outputShape();
        int extraH = endPadWidening(in.h(), out.h(), pool.kernelH(), pool.strideH(), pool.padH());
        int extraW = endPadWidening(in.w(), out.w(), pool.kernelW(), pool.strideW(), pool.padW());
        String input = s.input();
        int padH = pool.padH();
        int padW = pool.padW();
        boolean countPadding = pool.mode() == Pool.Mode.AVG && pool.countIncludePad() && (padH > 0 || padW > 0);
        if (countPadding && (extraH > 0 || extraW > 0)) {
            input = graph.node("Pad", s.helper("pad"), List.of(input,
                    graph.int64Vector(s.helper("pads"), 0, 0, padH, padW, 0, 0, padH, padW)), s.helper("pad"));
            padH = 0;
            padW = 0;
            countPadding = false;
        }
        List<ProtoMessage> attributes = new ArrayList<>(List.of(
                intsAttribute("kernel_shape", pool.kernelH(), pool.kernelW()),
                intsAttribute("strides", pool.strideH(), pool.strideW()),
                intsAttribute("pads", padH, padW, padH + extraH, padW + extraW)));
        if (pool.mode() == Pool.Mode.AVG) {
            attributes.add(intAttribute("count_include_pad", countPadding ? 1 : 0));
        }
        graph.node(pool.mode() == Pool.Mode.MAX ? "MaxPool" : "AveragePool", s.name(), List.of(input), s.output(),
                attributes.toArray(ProtoMessage[]::new));
    }

    /** Extra end padding that makes floor((in + 2·pad + extra − kernel) / stride) + 1 equal {@code out}. */
    private static int endPadWidening(int in, int out, int kernel, int stride, int pad) {
        return Math.max(0, (out - 1) * stride + kernel - in - 2 * pad);
    }

    /**
     * When each output size divides its input size, every bin has the same size and the op is an AveragePool with
     * kernel = stride = in / out. Otherwise bins differ in size ([floor(i·in/out), ceil((i+1)·in/out)), PyTorch's
     * rule) and overlap; as the mean over a rectangular bin is the mean over its rows of the means over its columns,
     * the pooling is done one axis at a time: per bin a Slice and a ReduceMean, then a Concat of the bins.
     */
    private void adaptiveAvgPool(Step s) {
        Shape in = s.inputShape();
        Shape out = s.outputShape();
        if (in.h() % out.h() == 0 && in.w() % out.w() == 0) {
            int kh = in.h() / out.h();
            int kw = in.w() / out.w();
            graph.node("AveragePool", s.name(), s.inputs(), s.output(),
                    intsAttribute("kernel_shape", kh, kw), intsAttribute("strides", kh, kw));
            return;
        }
        boolean poolWidth = in.w() != out.w();
        boolean poolHeight = in.h() != out.h();
        String columns = poolWidth
                ? poolAxis(s, s.input(), 3, in.w(), out.w(), poolHeight ? s.helper("w") : s.output())
                : s.input();
        if (poolHeight) {
            poolAxis(s, columns, 2, in.h(), out.h(), s.output());
        }
    }

    /** Adaptive average pooling of one axis from {@code in} to {@code out} bins; returns {@code output}. */
    private String poolAxis(Step s, String input, int axis, int in, int out, String output) {
        String axisName = axis == 2 ? "h" : "w";
        List<String> bins = new ArrayList<>(out);
        for (int i = 0; i < out; i++) {
            int start = Math.floorDiv(i * in, out);
            int end = -Math.floorDiv(-(i + 1) * in, out);
            String bin = s.helper(axisName + i);
            String slice = slice(bin + "/slice", input, bin + "/slice", axis, start, end);
            String mean = out == 1 ? output : bin;
            bins.add(graph.node("ReduceMean", bin, List.of(slice), mean, intsAttribute("axes", axis)));
        }
        if (out > 1) {
            graph.node("Concat", s.helper(axisName), bins, output, intAttribute("axis", axis));
        }
        return output;
    }

    /** Elements [start, end) of one axis; the bounds are int64 inputs since opset 10. */
    private String slice(String name, String input, String output, int axis, int start, int end) {
        return graph.node("Slice", name, List.of(input,
                graph.int64Vector(name + "/starts", start),
                graph.int64Vector(name + "/ends", end),
                graph.int64Vector(name + "/axes", axis)), output);
    }

    /** Mul broadcasts N×C×1×1 against N×C×H×W but not N×C, so a flat scale gets two unit axes first. */
    private void channelMultiply(Step s) {
        String scale = s.inputs().get(1);
        Shape scaleShape = s.inputShapes().get(1);
        if (!scaleShape.isFeatureMap()) {
            scale = graph.node("Reshape", s.helper("scale"), List.of(scale,
                            graph.int64Vector(s.helper("scale_shape"), scaleShape.n(), scaleShape.c(), 1, 1)),
                    s.helper("scale"));
        }
        graph.node("Mul", s.name(), List.of(s.input(), scale), s.output());
    }

    /** The shuffle's own definition: view C as g × C/g, swap those two axes, flatten back. */
    private void channelShuffle(Step s, int groups) {
        Shape in = s.inputShape();
        String grouped = graph.node("Reshape", s.helper("group"), List.of(s.input(),
                        graph.int64Vector(s.helper("group_shape"), in.n(), groups, in.c() / groups, in.h(), in.w())),
                s.helper("group"));
        String transposed = graph.node("Transpose", s.helper("transpose"), List.of(grouped), s.helper("transpose"),
                intsAttribute("perm", 0, 2, 1, 3, 4));
        String shape = graph.int64Vector(s.helper("shape"), in.n(), in.c(), in.h(), in.w());
        graph.node("Reshape", s.name(), List.of(transposed, shape), s.output());
    }

    /**
     * ONNX's LRN is Caffe's (divisor (k + α/size · Σx²)^β, window [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉]); for the
     * odd sizes every published net uses, PyTorch's LocalResponseNorm computes the same.
     */
    private void lrn(Step s, Lrn lrn) {
        graph.node("LRN", s.name(), s.inputs(), s.output(),
                intAttribute("size", lrn.size()),
                floatAttribute("alpha", (float) lrn.alpha()),
                floatAttribute("beta", (float) lrn.beta()),
                floatAttribute("bias", (float) lrn.k()));
    }
}
