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
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.weights.LayerWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * The export direction, layer → ONNX nodes (for {@link OnnxExporter}; {@link NodeTranslator} imports): writes the ONNX
 * nodes (and their initializers) that compute one layer. Node names are layer names; helper nodes and tensors append
 * {@code /what} to the layer name, weights {@code .weight}, {@code .bias} and batchnorm's {@code .running_mean} /
 * {@code .running_var} as PyTorch names them.
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
     * A layer bound to the names of its ONNX tensors, its shapes and its weights.
     *
     * @param inputs tensor names of the layer's inputs, in order
     * @param output the tensor name the layer's result must have
     */
    record BoundLayer(Layer layer, List<String> inputs, List<Shape> inputShapes, Shape outputShape, String output,
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

    void translate(BoundLayer b) {
        Op op = b.layer().op();
        if (op instanceof Conv conv) {
            conv(b, conv);
        } else if (op instanceof FullyConnected fc) {
            fullyConnected(b, fc);
        } else if (op instanceof BatchNorm bn) {
            batchNorm(b, bn);
        } else if (op instanceof Activation activation) {
            activation(b, activation.function());
        } else if (op instanceof Pool pool) {
            pool(b, pool);
        } else if (op instanceof GlobalAvgPool) {
            graph.node("GlobalAveragePool", b.name(), b.inputs(), b.output());
        } else if (op instanceof AdaptiveAvgPool) {
            adaptiveAvgPool(b);
        } else if (op instanceof Add) {
            graph.node(b.inputs().size() == 2 ? "Add" : "Sum", b.name(), b.inputs(), b.output());
        } else if (op instanceof Elementwise e && e.operation() == Elementwise.Operation.MAX) {
            graph.node("Max", b.name(), b.inputs(), b.output());
        } else if (op instanceof Elementwise && b.inputs().size() == 2) {
            graph.node("Mul", b.name(), b.inputs(), b.output());
        } else if (op instanceof ScalarMultiply m) {
            graph.node("Mul", b.name(), List.of(b.input(), graph.floatScalar(b.name() + ".factor", (float) m.factor())),
                    b.output());
        } else if (op instanceof ChannelMultiply) {
            channelMultiply(b);
        } else if (op instanceof Concat) {
            graph.node("Concat", b.name(), b.inputs(), b.output(), intAttribute("axis", 1));
        } else if (op instanceof ChannelSlice slice) {
            slice(b.name(), b.input(), b.output(), 1, slice.start(), slice.end());
        } else if (op instanceof ChannelShuffle shuffle) {
            channelShuffle(b, shuffle.groups());
        } else if (op instanceof Flatten) {
            graph.node("Flatten", b.name(), b.inputs(), b.output(), intAttribute("axis", 1));
        } else if (op instanceof Lrn lrn) {
            lrn(b, lrn);
        } else if (op instanceof Softmax) {
            graph.node("Softmax", b.name(), b.inputs(), b.output(), intAttribute("axis", 1));
        } else if (op instanceof Dropout || op instanceof Identity) {
            graph.node("Identity", b.name(), b.inputs(), b.output());
        } else if (op instanceof ConvTranspose up) {
            convTranspose(b, up);
        } else if (op instanceof Scale scale) {
            scale(b, scale);
        } else if (op instanceof Crop crop) {
            crop(b, crop);
        } else if (op instanceof Reshape reshape) {
            // ONNX's Reshape reads 0 (copy) and −1 (infer) as Caffe does.
            graph.node("Reshape", b.name(), List.of(b.input(), graph.int64Vector(b.helper("shape"),
                    reshape.dims().stream().mapToLong(Integer::longValue).toArray())), b.output());
        } else {
            throw new IllegalArgumentException("layer '" + b.name() + "': op '" + op.kind() + "' has no ONNX export");
        }
    }

    private void conv(BoundLayer b, Conv conv) {
        int inPerGroup = b.inputShape().c() / conv.groups();
        List<String> inputs = weightAndBias(b, new long[] {conv.outChannels(), inPerGroup, conv.kernelH(),
                conv.kernelW()}, conv.bias() ? conv.outChannels() : 0);
        graph.node("Conv", b.name(), inputs, b.output(), windowAttributes(conv.kernelH(), conv.kernelW(),
                conv.strideH(), conv.strideW(), conv.padH(), conv.padW(), conv.dilationH(), conv.dilationW(),
                conv.groups()));
    }

    /** ONNX's ConvTranspose is Caffe's Deconvolution: weights [in][out/groups][kh][kw], the same size rule. */
    private void convTranspose(BoundLayer b, ConvTranspose up) {
        List<String> inputs = weightAndBias(b, new long[] {b.inputShape().c(), up.outChannels() / up.groups(),
                up.kernelH(), up.kernelW()}, up.bias() ? up.outChannels() : 0);
        graph.node("ConvTranspose", b.name(), inputs, b.output(), windowAttributes(up.kernelH(), up.kernelW(),
                up.strideH(), up.strideW(), up.padH(), up.padW(), up.dilationH(), up.dilationW(), up.groups()));
    }

    /** The layer's input, its weight initializer and, when {@code biasLength} > 0, its bias initializer. */
    private List<String> weightAndBias(BoundLayer b, long[] weightDims, int biasLength) {
        List<String> inputs = new ArrayList<>(List.of(b.input(),
                graph.floatInitializer(b.name() + ".weight", weightDims, b.weights().weight())));
        if (biasLength > 0) {
            inputs.add(graph.floatInitializer(b.name() + ".bias", new long[] {biasLength}, b.weights().bias()));
        }
        return inputs;
    }

    private static ProtoMessage[] windowAttributes(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                                                   int groups) {
        return new ProtoMessage[] {intsAttribute("kernel_shape", kh, kw), intsAttribute("strides", sh, sw),
            intsAttribute("pads", ph, pw, ph, pw), intsAttribute("dilations", dh, dw), intAttribute("group", groups)};
    }

    /** y = x·γ + β per channel: Mul and Add broadcasting C×1×1 initializers against N×C×H×W. */
    private void scale(BoundLayer b, Scale scale) {
        long[] perChannel = {b.inputShape().c(), 1, 1};
        String gamma = graph.floatInitializer(b.name() + ".weight", perChannel, b.weights().gamma());
        if (!scale.bias()) {
            graph.node("Mul", b.name(), List.of(b.input(), gamma), b.output());
            return;
        }
        // The Mul carries the layer's name: the importer makes it the scale layer and folds the Add into it as β.
        String scaled = graph.node("Mul", b.name(), List.of(b.input(), gamma), b.helper("mul"));
        graph.node("Add", b.helper("add"), List.of(scaled, graph.floatInitializer(b.name() + ".bias", perChannel,
                b.weights().beta())), b.output());
    }

    /** Caffe's crop is a Slice of every dimension from the axis on, from its offset to offset + reference size. */
    private void crop(BoundLayer b, Crop crop) {
        int[] target = b.outputShape().dims();
        int axes = target.length - crop.axis();
        long[] starts = new long[axes];
        long[] ends = new long[axes];
        long[] axisList = new long[axes];
        for (int k = 0; k < axes; k++) {
            int d = crop.axis() + k;
            starts[k] = crop.offset(d);
            ends[k] = crop.offset(d) + target[d];
            axisList[k] = d;
        }
        graph.node("Slice", b.name(), List.of(b.input(), graph.int64Vector(b.helper("starts"), starts),
                graph.int64Vector(b.helper("ends"), ends), graph.int64Vector(b.helper("axes"), axisList)),
                b.output());
    }

    /** Gemm multiplies matrices, so a feature-map input is flattened first (as our fc does implicitly). */
    private void fullyConnected(BoundLayer b, FullyConnected fc) {
        String features = b.input();
        if (b.inputShape().isFeatureMap()) {
            features = graph.node("Flatten", b.helper("flatten"), List.of(b.input()), b.helper("flatten"),
                    intAttribute("axis", 1));
        }
        long in = b.inputShape().elementsPerImage();
        List<String> inputs = new ArrayList<>(List.of(features,
                graph.floatInitializer(b.name() + ".weight", new long[] {fc.outFeatures(), in}, b.weights().weight())));
        if (fc.bias()) {
            inputs.add(graph.floatInitializer(b.name() + ".bias", new long[] {fc.outFeatures()}, b.weights().bias()));
        }
        graph.node("Gemm", b.name(), inputs, b.output(), intAttribute("transB", 1));
    }

    private void batchNorm(BoundLayer b, BatchNorm bn) {
        long[] channels = {b.inputShape().c()};
        LayerWeights w = b.weights();
        graph.node("BatchNormalization", b.name(), List.of(b.input(),
                        graph.floatInitializer(b.name() + ".weight", channels, w.gamma()),
                        graph.floatInitializer(b.name() + ".bias", channels, w.beta()),
                        graph.floatInitializer(b.name() + ".running_mean", channels, w.mean()),
                        graph.floatInitializer(b.name() + ".running_var", channels, w.variance())),
                b.output(), floatAttribute("epsilon", (float) bn.eps()));
    }

    /**
     * relu6 is Clip with its bounds as inputs (opset 11 moved them from attributes); swish is x·sigmoid(x);
     * hard_sigmoid follows PyTorch's relu6(x + 3) / 6, i.e. HardSigmoid with α = 1/6, β = 1/2 (ONNX's default
     * α = 0.2 is Keras's). HardSwish (opset 14) already uses α = 1/6, β = 1/2.
     */
    private void activation(BoundLayer b, Activation.Function function) {
        switch (function) {
            case RELU -> graph.node("Relu", b.name(), b.inputs(), b.output());
            case RELU6 -> graph.node("Clip", b.name(), List.of(b.input(),
                    graph.floatScalar(b.name() + "/min", 0f), graph.floatScalar(b.name() + "/max", 6f)), b.output());
            case SIGMOID -> graph.node("Sigmoid", b.name(), b.inputs(), b.output());
            case TANH -> graph.node("Tanh", b.name(), b.inputs(), b.output());
            case SWISH -> {
                String gate = graph.node("Sigmoid", b.helper("sigmoid"), b.inputs(), b.helper("sigmoid"));
                graph.node("Mul", b.name(), List.of(b.input(), gate), b.output());
            }
            case HARD_SIGMOID -> graph.node("HardSigmoid", b.name(), b.inputs(), b.output(),
                    floatAttribute("alpha", 1f / 6), floatAttribute("beta", 0.5f));
            case HARD_SWISH -> graph.node("HardSwish", b.name(), b.inputs(), b.output());
        }
    }

    /**
     * Pools without ONNX's ceil_mode, whose edge cases runtimes disagree on (ONNX shape inference keeps a last window
     * that starts in the right padding, ONNX Runtime's AveragePool divides a window hanging past the padding by the
     * whole kernel). Instead the end padding is widened until floor mode gives our output size; padding never wins
     * a max, and averages exclude it (count_include_pad 0). PyTorch's count_include_pad counts the declared padding
     * but not the widening, so then the declared padding becomes real zeros (a Pad node) that the average counts.
     */
    private void pool(BoundLayer b, Pool pool) {
        Shape in = b.inputShape();
        Shape out = b.outputShape();
        int extraH = endPadWidening(in.h(), out.h(), pool.kernelH(), pool.strideH(), pool.padH());
        int extraW = endPadWidening(in.w(), out.w(), pool.kernelW(), pool.strideW(), pool.padW());
        String input = b.input();
        int padH = pool.padH();
        int padW = pool.padW();
        boolean countPadding = pool.mode() == Pool.Mode.AVG && pool.countIncludePad() && (padH > 0 || padW > 0);
        if (countPadding && (extraH > 0 || extraW > 0)) {
            input = graph.node("Pad", b.helper("pad"), List.of(input,
                    graph.int64Vector(b.helper("pads"), 0, 0, padH, padW, 0, 0, padH, padW)), b.helper("pad"));
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
        graph.node(pool.mode() == Pool.Mode.MAX ? "MaxPool" : "AveragePool", b.name(), List.of(input), b.output(),
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
    private void adaptiveAvgPool(BoundLayer b) {
        Shape in = b.inputShape();
        Shape out = b.outputShape();
        if (in.h() % out.h() == 0 && in.w() % out.w() == 0) {
            int kh = in.h() / out.h();
            int kw = in.w() / out.w();
            graph.node("AveragePool", b.name(), b.inputs(), b.output(),
                    intsAttribute("kernel_shape", kh, kw), intsAttribute("strides", kh, kw));
            return;
        }
        boolean poolWidth = in.w() != out.w();
        boolean poolHeight = in.h() != out.h();
        String columns = poolWidth
                ? poolAxis(b, b.input(), 3, in.w(), out.w(), poolHeight ? b.helper("w") : b.output())
                : b.input();
        if (poolHeight) {
            poolAxis(b, columns, 2, in.h(), out.h(), b.output());
        }
    }

    /** Adaptive average pooling of one axis from {@code in} to {@code out} bins; returns {@code output}. */
    private String poolAxis(BoundLayer b, String input, int axis, int in, int out, String output) {
        String axisName = axis == 2 ? "h" : "w";
        List<String> bins = new ArrayList<>(out);
        for (int i = 0; i < out; i++) {
            int start = Math.floorDiv(i * in, out);
            int end = -Math.floorDiv(-(i + 1) * in, out);
            String bin = b.helper(axisName + i);
            String slice = slice(bin + "/slice", input, bin + "/slice", axis, start, end);
            String mean = out == 1 ? output : bin;
            bins.add(graph.node("ReduceMean", bin, List.of(slice), mean, intsAttribute("axes", axis)));
        }
        if (out > 1) {
            graph.node("Concat", b.helper(axisName), bins, output, intAttribute("axis", axis));
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
    private void channelMultiply(BoundLayer b) {
        String scale = b.inputs().get(1);
        Shape scaleShape = b.inputShapes().get(1);
        if (!scaleShape.isFeatureMap()) {
            scale = graph.node("Reshape", b.helper("scale"), List.of(scale,
                            graph.int64Vector(b.helper("scale_shape"), scaleShape.n(), scaleShape.c(), 1, 1)),
                    b.helper("scale"));
        }
        graph.node("Mul", b.name(), List.of(b.input(), scale), b.output());
    }

    /** The shuffle's own definition: view C as g × C/g, swap those two axes, flatten back. */
    private void channelShuffle(BoundLayer b, int groups) {
        Shape in = b.inputShape();
        String grouped = graph.node("Reshape", b.helper("group"), List.of(b.input(),
                        graph.int64Vector(b.helper("group_shape"), in.n(), groups, in.c() / groups, in.h(), in.w())),
                b.helper("group"));
        String transposed = graph.node("Transpose", b.helper("transpose"), List.of(grouped), b.helper("transpose"),
                intsAttribute("perm", 0, 2, 1, 3, 4));
        String shape = graph.int64Vector(b.helper("shape"), in.n(), in.c(), in.h(), in.w());
        graph.node("Reshape", b.name(), List.of(transposed, shape), b.output());
    }

    /**
     * ONNX's LRN is Caffe's and our runtime's: divisor (k + α/size · Σx²)^β over the channel window
     * [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉]. (PyTorch's LocalResponseNorm agrees for odd sizes only; for even ones
     * its window reaches one channel further down instead of up.) ONNX Runtime accepts odd sizes only, so an even
     * size is spelled out: the squares, viewed as N×1×C×(H·W), averaged over the window by an AveragePool that
     * counts the zero padding (Σx² / size), then scaled, shifted, raised to β and divided into x.
     */
    private void lrn(BoundLayer b, Lrn lrn) {
        if (lrn.size() % 2 == 1) {
            graph.node("LRN", b.name(), b.inputs(), b.output(),
                    intAttribute("size", lrn.size()),
                    floatAttribute("alpha", (float) lrn.alpha()),
                    floatAttribute("beta", (float) lrn.beta()),
                    floatAttribute("bias", (float) lrn.k()));
            return;
        }
        Shape in = b.inputShape();
        int below = (lrn.size() - 1) / 2;
        int above = lrn.size() - 1 - below;
        String squares = graph.node("Mul", b.helper("squares"), List.of(b.input(), b.input()), b.helper("squares"));
        String column = graph.node("Reshape", b.helper("column"), List.of(squares,
                graph.int64Vector(b.helper("column_shape"), in.n(), 1, in.c(), (long) in.h() * in.w())),
                b.helper("column"));
        String windowMean = graph.node("AveragePool", b.helper("window_mean"), List.of(column),
                b.helper("window_mean"),
                intsAttribute("kernel_shape", lrn.size(), 1),
                intsAttribute("pads", below, 0, above, 0),
                intAttribute("count_include_pad", 1));
        String mean = graph.node("Reshape", b.helper("mean"), List.of(windowMean,
                graph.int64Vector(b.helper("mean_shape"), in.n(), in.c(), in.h(), in.w())), b.helper("mean"));
        String scaled = graph.node("Mul", b.helper("scaled"),
                List.of(mean, graph.floatScalar(b.helper("alpha"), (float) lrn.alpha())), b.helper("scaled"));
        String shifted = graph.node("Add", b.helper("shifted"),
                List.of(scaled, graph.floatScalar(b.helper("k"), (float) lrn.k())), b.helper("shifted"));
        String divisor = graph.node("Pow", b.helper("divisor"),
                List.of(shifted, graph.floatScalar(b.helper("beta"), (float) lrn.beta())), b.helper("divisor"));
        graph.node("Div", b.name(), List.of(b.input(), divisor), b.output());
    }
}
