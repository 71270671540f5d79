package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.NodeView.normalizedAxis;
import static io.archexplorer.engine.io.onnx.NodeView.toInt;

import io.archexplorer.engine.graph.BlockNames;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.io.LayerNames;
import io.archexplorer.engine.io.onnx.NodeView.Unsupported;
import io.archexplorer.engine.io.onnx.OnnxValue.Feature;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.weights.LayerWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import direction, ONNX node → layer (for {@link OnnxImporter}; {@link LayerTranslator} exports): maps ONNX nodes
 * over computed tensors onto engine layers, one node at a time in file (topological) order. Most nodes become one layer
 * named after the node; some become none (a channel shuffle's Reshape and Transpose, which the closing Reshape turns
 * into one shuffle layer) and a few two (ReduceMean without keepdims: a global pooling and a flatten). Weights stay in
 * the file: each weighted layer gets a {@link FileWeights.Recipe} reading them when the net runs.
 */
final class NodeTranslator {
    private final String source;
    /** The layers so far, by name; a following node may still give one a bias (see {@link #scale}). */
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    /** How many nodes (and graph outputs) read each tensor. */
    private final Map<String, Integer> readers;
    private final LayerNames layerNames = new LayerNames();
    /** Layers named from PyTorch's scoped node names (see {@link ScopeNames}). */
    private final Set<String> scoped = new HashSet<>();
    private final FileWeights weights = new FileWeights();
    private String weightsProblem;

    NodeTranslator(String source, Map<String, Integer> readers) {
        this.source = source;
        this.readers = readers;
    }

    List<Layer> layers() {
        return ScopeNames.liftSingleLayerBlocks(List.copyOf(layers.values()), scoped);
    }

    FileWeights weights() {
        return weights;
    }

    /** Why the file's weights cannot be used (the first tensor that is not plain float32 data), or null. */
    String weightsProblem() {
        return weightsProblem;
    }

    /** Adds one layer reading the given features; its shape is unknown when an input's is. */
    Feature add(String nodeName, Op op, List<Feature> inputs) {
        String name = ScopeNames.dotted(nodeName);
        String unique = layerNames.unique(name);
        if (!name.equals(nodeName)) {
            scoped.add(unique);
        }
        List<Shape> shapes = inputs.stream().map(Feature::shape).toList();
        Shape shape = shapes.stream().allMatch(Shape::isKnown) ? op.outputShape(shapes) : Shape.unknown();
        layers.put(unique, new Layer(unique, op, inputs.stream().map(Feature::layer).toList(), blockOf(name)));
        return new Feature(unique, shape);
    }

    /**
     * The block a layer belongs to, from its name when it is a dotted module path as PyTorch's module names and our
     * own export's layer names are ({@code layer1.0.conv1} is in block {@code layer1.0}, itself in {@code layer1}).
     * Other names with a slash (a lone {@code /}) stay at top level.
     */
    private static String blockOf(String name) {
        return name.contains("/") ? "" : BlockNames.parent(name);
    }

    /**
     * An opaque layer for a node the engine cannot represent, reading whatever computed tensors it reads; {@code why}
     * is kept, so a refusal to run or export it can say why a known operator (a Conv) is opaque.
     */
    Feature opaque(NodeView n, String why) {
        List<Feature> inputs = new ArrayList<>();
        for (int i = 0; i < n.node().inputs().size(); i++) {
            OnnxValue v = n.value(i);
            if (v instanceof Feature f) {
                inputs.add(f);
            } else if (v instanceof OnnxValue.GroupedChannels g) {
                inputs.add(g.source());
            }
        }
        String type = n.opType().isEmpty() ? "?" : n.opType();
        return add(n.layerName(), new Opaque(type, why.equals(NodeView.UNKNOWN_OPERATOR) ? "" : why), inputs);
    }

    /**
     * The value of the node's first output; the node's other outputs (pooling indices, dropout masks) are not
     * represented. Split binds its outputs through {@code outputs}.
     *
     * @throws Unsupported when the engine has no op for the node as written
     */
    OnnxValue translate(NodeView n, List<OnnxValue> outputs) {
        return switch (n.opType()) {
            case "Conv" -> conv(n);
            case "ConvTranspose" -> convTranspose(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "BatchNormalization" -> batchNorm(n);
            case "Relu" -> activation(n, Activation.Function.RELU);
            case "Sigmoid" -> activation(n, Activation.Function.SIGMOID);
            case "Tanh" -> activation(n, Activation.Function.TANH);
            case "HardSwish" -> activation(n, Activation.Function.HARD_SWISH);
            case "HardSigmoid" -> hardSigmoid(n);
            case "Clip" -> clip(n);
            case "Mul", "Add", "Sum", "Max" -> elementwise(n);
            case "Concat" -> concat(n);
            case "MaxPool", "AveragePool" -> pool(n);
            case "GlobalAveragePool" -> add(n.layerName(), new GlobalAvgPool(), List.of(n.feature(0)));
            case "GlobalMaxPool" -> globalMaxPool(n);
            case "ReduceMean" -> reduceMean(n);
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "Transpose" -> transpose(n);
            case "Squeeze" -> squeeze(n);
            case "Unsqueeze" -> unsqueeze(n);
            case "Split" -> split(n, outputs);
            case "Slice" -> slice(n);
            case "Softmax" -> softmax(n);
            case "Dropout" -> dropout(n);
            case "Identity" -> add(n.layerName(), new Identity(), List.of(n.feature(0)));
            case "LRN" -> add(n.layerName(), new Lrn(n.smallInteger("size", 0), n.decimal("alpha", 1e-4),
                    n.decimal("beta", 0.75), n.decimal("bias", 1)), List.of(n.feature(0)));
            default -> throw new Unsupported(NodeView.UNKNOWN_OPERATOR);
        };
    }

    private Feature conv(NodeView n) {
        Feature x = n.feature(0);
        OnnxTensor w = n.constant(1, "weights");
        OnnxTensor b = n.optionalConstant(2, "bias");
        long[] d = fourDims(w, "convolution");
        int out = toInt(d[0], "output channels");
        int inPerGroup = toInt(d[1], "input channels per group");
        int groups = n.smallInteger("group", 1);
        requireKernel(n, d);
        Window win = Window.of(n, (int) d[2], (int) d[3], x.shape());
        if (!win.symmetric()) {
            throw new Unsupported("asymmetric padding " + Arrays.toString(win.pads()));
        }
        if (x.shape().isKnown() && x.shape().c() != (long) inPerGroup * groups) {
            throw new IllegalArgumentException("weights " + Arrays.toString(d) + " with group " + groups + " need "
                    + (long) inPerGroup * groups + " input channels, the input has " + x.shape().c());
        }
        requireBias(b, out);
        Feature f = add(n.layerName(), new Conv(out, win.kernelH(), win.kernelW(), win.strideH(), win.strideW(),
                win.pads()[0], win.pads()[1], win.dilationH(), win.dilationW(), groups, b != null), List.of(x));
        long count = out * (long) inPerGroup * d[2] * d[3];
        recipe(f, () -> new LayerWeights(w.floats(count, source), b == null ? null : b.floats(out, source),
                null, null, null, null), w, b);
        return f;
    }

    /** ONNX's ConvTranspose weights are [in][out/groups][kh][kw], as the engine's. */
    private Feature convTranspose(NodeView n) {
        Feature x = n.feature(0);
        OnnxTensor w = n.constant(1, "weights");
        OnnxTensor b = n.optionalConstant(2, "bias");
        long[] d = fourDims(w, "transposed convolution");
        int groups = n.smallInteger("group", 1);
        int out = toInt(d[1] * groups, "output channels");
        long[] outputPadding = n.integers("output_padding");
        if (n.integers("output_shape") != null
                || (outputPadding != null && Arrays.stream(outputPadding).anyMatch(p -> p != 0))) {
            throw new Unsupported("output_shape or output_padding");
        }
        if (!n.text("auto_pad", "NOTSET").equals("NOTSET") && !n.text("auto_pad", "").equals("VALID")) {
            throw new Unsupported("auto_pad " + n.text("auto_pad", ""));
        }
        requireKernel(n, d);
        Window win = Window.of(n, (int) d[2], (int) d[3], x.shape());
        if (!win.symmetric()) {
            throw new Unsupported("asymmetric padding " + Arrays.toString(win.pads()));
        }
        if (x.shape().isKnown() && x.shape().c() != d[0]) {
            throw new IllegalArgumentException("weights " + Arrays.toString(d) + " need " + d[0]
                    + " input channels, the input has " + x.shape().c());
        }
        requireBias(b, out);
        ConvTranspose op = new ConvTranspose(out, win.kernelH(), win.kernelW(), win.strideH(), win.strideW(),
                win.pads()[0], win.pads()[1], win.dilationH(), win.dilationW(), groups, b != null);
        Feature f = add(n.layerName(), op, List.of(x));
        long count = d[0] * d[1] * d[2] * d[3];
        recipe(f, () -> new LayerWeights(w.floats(count, source), b == null ? null : b.floats(out, source),
                null, null, null, null), w, b);
        return f;
    }

    /**
     * Gemm: y = α·A·B' + β·C with B' = B or Bᵀ. A fully connected layer when B is a constant: with transB = 1 (as
     * PyTorch writes Linear) B is already [out][in]; with transB = 0 it is [in][out] and is transposed when read.
     */
    private Feature gemm(NodeView n) {
        Feature x = n.feature(0);
        if (n.integer("transA", 0) != 0) {
            throw new Unsupported("transA = 1");
        }
        OnnxTensor w = n.constant(1, "weights");
        OnnxTensor c = n.optionalConstant(2, "bias");
        boolean transB = n.integer("transB", 0) != 0;
        long[] d = twoDims(w);
        long in = transB ? d[1] : d[0];
        int out = toInt(transB ? d[0] : d[1], "output features");
        requireFeatures(x, in, d);
        if (c != null && c.elements() != out && c.elements() != 1) {
            throw new Unsupported("bias C of shape " + Arrays.toString(c.dims()) + " for " + out + " outputs");
        }
        float alpha = (float) n.decimal("alpha", 1);
        float beta = (float) n.decimal("beta", 1);
        Feature f = add(n.layerName(), new FullyConnected(out, c != null), List.of(x));
        recipe(f, () -> {
            float[] weight = w.floats(in * out, source);
            float[] bias = c == null ? null : perOutput(c.floats(c.elements(), source), out);
            return new LayerWeights(FileWeights.scaled(transB ? weight : FileWeights.transposed(weight, (int) in, out),
                    alpha), FileWeights.scaled(bias, beta), null, null, null, null);
        }, w, c);
        return f;
    }

    /** MatMul by a constant [in][out] matrix: a fully connected layer without bias, weights transposed when read. */
    private Feature matMul(NodeView n) {
        Feature x = n.feature(0);
        OnnxTensor w = n.constant(1, "weights");
        long[] d = twoDims(w);
        int out = toInt(d[1], "output features");
        requireFeatures(x, d[0], d);
        Feature f = add(n.layerName(), new FullyConnected(out, false), List.of(x));
        recipe(f, () -> new LayerWeights(FileWeights.transposed(w.floats(d[0] * out, source), (int) d[0], out),
                null, null, null, null, null), w);
        return f;
    }

    private Feature batchNorm(NodeView n) {
        Feature x = n.feature(0);
        OnnxTensor gamma = n.constant(1, "scale");
        OnnxTensor beta = n.constant(2, "bias");
        OnnxTensor mean = n.constant(3, "mean");
        OnnxTensor variance = n.constant(4, "variance");
        long channels = x.shape().isKnown() ? x.shape().c() : gamma.elements();
        for (OnnxTensor t : List.of(gamma, beta, mean, variance)) {
            if (t.elements() != channels) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' of shape " + Arrays.toString(t.dims())
                        + " for " + channels + " channels");
            }
        }
        Feature f = add(n.layerName(), new BatchNorm(n.decimal("epsilon", BatchNorm.DEFAULT_EPS), true), List.of(x));
        recipe(f, () -> new LayerWeights(null, null, gamma.floats(channels, source),
                beta.floats(channels, source), mean.floats(channels, source),
                variance.floats(channels, source)), gamma, beta, mean, variance);
        return f;
    }

    private Feature activation(NodeView n, Activation.Function function) {
        return add(n.layerName(), new Activation(function), List.of(n.feature(0)));
    }

    /** The engine's hard sigmoid is PyTorch's, relu6(x + 3) / 6: ONNX's HardSigmoid with α = 1/6, β = 1/2. */
    private Feature hardSigmoid(NodeView n) {
        double alpha = n.decimal("alpha", 0.2);
        double beta = n.decimal("beta", 0.5);
        if (Math.abs(alpha - 1.0 / 6) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
            throw new Unsupported("alpha " + alpha + ", beta " + beta + " (the engine's hard sigmoid is α = 1/6, "
                    + "β = 1/2, as PyTorch's)");
        }
        return activation(n, Activation.Function.HARD_SIGMOID);
    }

    /** Clip to [0, 6] is ReLU6, to [0, ∞) ReLU; bounds are attributes before opset 11 and inputs from it on. */
    private Feature clip(NodeView n) {
        double min = n.opset() >= 11 ? bound(n, 1, Double.NEGATIVE_INFINITY) : n.decimal("min", -Float.MAX_VALUE);
        double max = n.opset() >= 11 ? bound(n, 2, Double.POSITIVE_INFINITY) : n.decimal("max", Float.MAX_VALUE);
        if (min == 0 && max == 6) {
            return activation(n, Activation.Function.RELU6);
        }
        if (min == 0 && max >= Float.MAX_VALUE) {
            return activation(n, Activation.Function.RELU);
        }
        throw new Unsupported("clip to [" + min + ", " + max + "] (the engine has ReLU and ReLU6)");
    }

    private static double bound(NodeView n, int input, double absent) {
        OnnxTensor t = n.optionalConstant(input, "bound");
        if (t == null) {
            return absent;
        }
        float[] v = t.smallFloats(1);
        if (v == null || v.length != 1) {
            throw new Unsupported("bound '" + t.name() + "' is not one float32 value");
        }
        return v[0];
    }

    /**
     * Mul, Add, Sum and Max of computed tensors of one shape are the engine's element-wise layers. Mul of a feature
     * map by an N×C×1×1 tensor (a squeeze-and-excitation gate, x · sigmoid(fc(...))) is a channel multiply. Mul or
     * Add of a feature map and a per-channel constant is a scale layer (γ, or γ = 1 and β), as Caffe's Scale exports;
     * Mul by one constant number (of a map with more than one channel) is a scalar multiply.
     */
    private Feature elementwise(NodeView n) {
        String op = n.opType();
        int count = n.node().inputs().size();
        if (count == 2 && (op.equals("Mul") || op.equals("Add"))
                && (n.value(0) instanceof OnnxValue.Constant || n.value(1) instanceof OnnxValue.Constant)) {
            int featureInput = n.value(0) instanceof OnnxValue.Constant ? 1 : 0;
            OnnxTensor operand = n.constant(1 - featureInput, "operand");
            if (op.equals("Mul") && operand.elements() == 1 && !isPerChannel(operand.dims(), n.knownShape(featureInput))) {
                return add(n.layerName(), new ScalarMultiply(scalar(operand)), List.of(n.feature(featureInput)));
            }
            return scale(n, featureInput, operand);
        }
        List<Feature> inputs = features(n);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            shapes.add(n.knownShape(i));
        }
        boolean sameShape = shapes.stream().distinct().count() == 1;
        if (sameShape && (op.equals("Add") || op.equals("Sum"))) {
            return add(n.layerName(), new Add(), inputs);
        }
        if (sameShape) {
            Elementwise.Operation operation = op.equals("Max") ? Elementwise.Operation.MAX : Elementwise.Operation.MUL;
            return add(n.layerName(), new Elementwise(operation), inputs);
        }
        if (op.equals("Mul") && inputs.size() == 2) {
            int map = isChannelFactors(shapes.get(1), shapes.get(0)) ? 0
                    : isChannelFactors(shapes.get(0), shapes.get(1)) ? 1 : -1;
            if (map >= 0) {
                return add(n.layerName(), new ChannelMultiply(), List.of(inputs.get(map), inputs.get(1 - map)));
            }
        }
        throw new Unsupported("broadcasting shapes " + shapes + " (the engine's layers take equal shapes, or a "
                + "feature map and one factor per channel)");
    }

    private static double scalar(OnnxTensor t) {
        float[] v = t.smallFloats(1);
        if (v == null || v.length != 1) {
            throw new Unsupported("factor '" + t.name() + "' is not one float32 value");
        }
        return v[0];
    }

    /** True when {@code factors} is N×C×1×1 for the N×C×H×W {@code map}. */
    private static boolean isChannelFactors(Shape factors, Shape map) {
        return map.isFeatureMap() && factors.isFeatureMap() && factors.n() == map.n() && factors.c() == map.c()
                && factors.h() == 1 && factors.w() == 1 && (map.h() > 1 || map.w() > 1);
    }

    private Feature scale(NodeView n, int featureInput, OnnxTensor constant) {
        Feature x = n.feature(featureInput);
        Shape shape = n.knownShape(featureInput);
        if (!isPerChannel(constant.dims(), shape)) {
            throw new Unsupported("operand '" + constant.name() + "' of shape " + Arrays.toString(constant.dims())
                    + " is not one value per channel of " + shape);
        }
        boolean shift = n.opType().equals("Add");
        int channels = shape.c();
        if (shift && readers.getOrDefault(n.node().inputs().get(featureInput), 0) == 1) {
            Op withBias = withBias(layers.get(x.layer()).op());
            if (withBias != null) {
                return addBias(x, withBias, constant, channels);
            }
        }
        Feature f = add(n.layerName(), new Scale(shift), List.of(x));
        recipe(f, () -> {
            float[] values = constant.floats(channels, source);
            float[] ones = new float[channels];
            Arrays.fill(ones, 1f);
            return new LayerWeights(null, null, shift ? ones : values, shift ? values : null, null, null);
        }, constant);
        return f;
    }

    /**
     * The op with a bias (β for a scale) where it has none yet: PyTorch writes a Linear on more than two axes as
     * MatMul then Add, a convolution's bias may come as an Add, and Caffe's Scale exports as Mul then Add. Null when
     * the op has no bias to take.
     */
    private static Op withBias(Op op) {
        if (op instanceof FullyConnected fc && !fc.bias()) {
            return new FullyConnected(fc.outFeatures(), true);
        }
        if (op instanceof Conv conv && !conv.bias()) {
            return conv.withBias(true);
        }
        return op instanceof Scale scale && !scale.bias() ? new Scale(true) : null;
    }

    /** The Add of a per-channel constant after a layer only it reads becomes that layer's bias (or β). */
    private Feature addBias(Feature x, Op withBias, OnnxTensor constant, int channels) {
        Layer layer = layers.get(x.layer());
        layers.put(layer.name(), new Layer(layer.name(), withBias, layer.inputs(), layer.block()));
        FileWeights.Recipe before = weights.get(layer.name());
        boolean scale = withBias instanceof Scale;
        recipe(x, () -> {
            LayerWeights w = before.read();
            float[] bias = constant.floats(channels, source);
            return scale ? new LayerWeights(null, null, w.gamma(), bias, null, null)
                    : new LayerWeights(w.weight(), bias, null, null, null, null);
        }, constant);
        return x;
    }

    /** Dims that broadcast against the shape as one value per channel (axis 1): e.g. [C, 1, 1] or [1, C, 1, 1]. */
    private static boolean isPerChannel(long[] dims, Shape shape) {
        int rank = shape.rank();
        if (dims.length > rank || dims.length < rank - 1) {
            return false;
        }
        for (int axis = 0; axis < rank; axis++) {
            int d = axis - (rank - dims.length);
            long size = d < 0 ? 1 : dims[d];
            if (size != (axis == 1 ? shape.c() : 1)) {
                return false;
            }
        }
        return true;
    }

    private Feature pool(NodeView n) {
        Feature x = n.feature(0);
        long[] kernel = n.integers("kernel_shape");
        if (kernel == null || kernel.length != 2) {
            throw new Unsupported("pooling over " + (kernel == null ? "no" : kernel.length) + " axes");
        }
        long[] dilations = n.integers("dilations");
        if (dilations != null && Arrays.stream(dilations).anyMatch(v -> v != 1)) {
            throw new Unsupported("dilated pooling");
        }
        Window win = Window.of(n, toInt(kernel[0], "kernel"), toInt(kernel[1], "kernel"), x.shape());
        boolean max = n.opType().equals("MaxPool");
        Pool.Mode mode = max ? Pool.Mode.MAX : Pool.Mode.AVG;
        boolean countPadding = !max && n.integer("count_include_pad", 0) != 0;
        boolean ceil = n.integer("ceil_mode", 0) != 0;
        int[] p = win.pads();
        if (Math.max(p[0], p[2]) > win.kernelH() / 2 || Math.max(p[1], p[3]) > win.kernelW() / 2) {
            throw new Unsupported("padding " + Arrays.toString(p) + " over half the window");
        }
        Pool pool = new Pool(mode, win.kernelH(), win.kernelW(), win.strideH(), win.strideW(), p[0], p[1], ceil,
                max || countPadding);
        if (!win.symmetric()) {
            pool = extraEndPaddingAsCeilMode(n, x, win, pool, countPadding || ceil);
        }
        return add(n.layerName(), pool, List.of(x));
    }

    /**
     * Our exporter (and others) writes PyTorch's ceil_mode pooling as floor-mode pooling with extra end padding,
     * which ONNX runtimes agree on. Where the extra padding adds exactly the windows ceil mode adds, the pooling is
     * the ceil-mode one: padding never wins a max, and an average that leaves padding out counts the same elements.
     */
    private static Pool extraEndPaddingAsCeilMode(NodeView n, Feature x, Window win, Pool symmetric,
                                                  boolean countsPaddingOrCeil) {
        int[] p = win.pads();
        Shape in = n.knownShape(0);
        if (countsPaddingOrCeil || p[2] < p[0] || p[3] < p[1]) {
            throw new Unsupported("asymmetric padding " + Arrays.toString(p));
        }
        Pool ceil = symmetric.withCeilMode();
        Shape out = ceil.outputShape(List.of(in));
        int floorH = (in.h() + p[0] + p[2] - win.kernelH()) / win.strideH() + 1;
        int floorW = (in.w() + p[1] + p[3] - win.kernelW()) / win.strideW() + 1;
        if (out.h() != floorH || out.w() != floorW) {
            throw new Unsupported("asymmetric padding " + Arrays.toString(p) + " (not ceil mode's)");
        }
        return ceil;
    }

    private Feature globalMaxPool(NodeView n) {
        Shape in = n.knownShape(0);
        if (!in.isFeatureMap()) {
            throw new Unsupported("global max pooling of " + in);
        }
        return add(n.layerName(), new Pool(Pool.Mode.MAX, in.h(), in.w(), 1, 1, 0, 0, false, true),
                List.of(n.feature(0)));
    }

    /** The mean over H and W (PyTorch's {@code x.mean([2, 3])}): a global average pooling, flattened unless kept. */
    private Feature reduceMean(NodeView n) {
        Feature x = n.feature(0);
        long[] axes = n.axes(1, 18);
        if (axes == null || !isSpatial(axes, 4) || (x.shape().isKnown() && !x.shape().isFeatureMap())) {
            throw new Unsupported("mean over axes " + (axes == null ? "all" : Arrays.toString(axes))
                    + " (the engine averages over H and W)");
        }
        if (n.integer("keepdims", 1) != 0) {
            return add(n.layerName(), new GlobalAvgPool(), List.of(x));
        }
        Feature pooled = add(n.layerName() + "/pool", new GlobalAvgPool(), List.of(x));
        return add(n.layerName(), new Flatten(), List.of(pooled));
    }

    /** True when the axes are exactly {2, 3} of a rank-4 tensor, in any order or sign. */
    private static boolean isSpatial(long[] axes, int rank) {
        Set<Long> set = new HashSet<>();
        for (long a : axes) {
            set.add(normalizedAxis(a, rank));
        }
        return axes.length == 2 && set.equals(Set.of(2L, 3L));
    }

    private Feature flatten(NodeView n) {
        long axis = n.integer("axis", 1);
        if (axis != 1) {
            throw new Unsupported("flatten from axis " + axis + " (the engine keeps the batch axis)");
        }
        return add(n.layerName(), new Flatten(), List.of(n.feature(0)));
    }

    /**
     * Reshape to N×(C·H·W) is a flatten; to N×g×(C/g)×H×W the start of a channel shuffle; back to N×C×H×W after
     * its Transpose the shuffle itself; to another 2-D or 4-D shape with the same batch an engine reshape.
     */
    private OnnxValue reshape(NodeView n) {
        long[] target = n.opset() >= 5 ? n.integersInput(1, "shape") : n.integers("shape");
        if (target == null) {
            throw new Unsupported("no target shape");
        }
        boolean allowZero = n.integer("allowzero", 0) != 0;
        if (n.value(0) instanceof OnnxValue.GroupedChannels g && g.transposed()) {
            Shape in = g.source().shape();
            long[] view = {in.n(), in.c() / g.groups(), g.groups(), in.h(), in.w()};
            long[] dims = resolve(target, view, allowZero);
            if (!Arrays.equals(dims, new long[] {in.n(), in.c(), in.h(), in.w()})) {
                throw new Unsupported("reshape of a transposed channel view to " + Arrays.toString(dims));
            }
            return add(n.layerName(), new ChannelShuffle(g.groups()), List.of(g.source()));
        }
        Feature x = n.feature(0);
        Shape in = n.knownShape(0);
        long[] dims = resolve(target, Arrays.stream(in.dims()).asLongStream().toArray(), allowZero);
        if (dims.length == 5 && in.isFeatureMap() && dims[0] == in.n() && dims[3] == in.h() && dims[4] == in.w()
                && dims[1] * dims[2] == in.c()) {
            return new OnnxValue.GroupedChannels(x, (int) dims[1], false);
        }
        if (dims.length == 2 && dims[0] == in.n() && in.isFeatureMap()) {
            return add(n.layerName(), new Flatten(), List.of(x));
        }
        if ((dims.length == 2 || dims.length == 4) && dims[0] == in.n()) {
            List<Integer> kept = new ArrayList<>();
            kept.add(0); // the batch is copied, so the layer also runs at other batch sizes
            for (int d = 1; d < dims.length; d++) {
                kept.add((int) dims[d]);
            }
            return add(n.layerName(), new Reshape(kept), List.of(x));
        }
        throw new Unsupported("reshape of " + in + " to " + Arrays.toString(dims)
                + " (the engine's tensors are N×C×H×W or N×features)");
    }

    /** Target dims with ONNX's 0 (copy, unless allowzero) and −1 (infer) resolved against the input's dims. */
    private static long[] resolve(long[] target, long[] in, boolean allowZero) {
        long elements = Arrays.stream(in).reduce(1, Math::multiplyExact);
        long[] dims = target.clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 0 && !allowZero && d < in.length) {
                dims[d] = in[d];
            }
            if (dims[d] == -1 && inferred < 0) {
                inferred = d;
            } else if (dims[d] <= 0 || dims[d] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("target shape " + Arrays.toString(target) + " has dimension "
                        + dims[d]);
            } else {
                known = Math.multiplyExact(known, dims[d]);
            }
        }
        if (inferred >= 0 && known > 0 && elements % known == 0) {
            dims[inferred] = elements / known;
            known *= dims[inferred];
        }
        if (known != elements) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " ("
                    + elements + " elements) to " + Arrays.toString(target));
        }
        return dims;
    }

    /** Only the channel shuffle's transpose, swapping the group axes of its 5-D view. */
    private OnnxValue transpose(NodeView n) {
        long[] perm = n.integers("perm");
        if (n.value(0) instanceof OnnxValue.GroupedChannels g && !g.transposed()
                && Arrays.equals(perm, new long[] {0, 2, 1, 3, 4})) {
            return new OnnxValue.GroupedChannels(g.source(), g.groups(), true);
        }
        throw new Unsupported("transpose " + (perm == null ? "reversing the axes" : Arrays.toString(perm))
                + " (the engine keeps N×C×H×W)");
    }

    /** Squeezing H and W of N×C×1×1 is a flatten. */
    private Feature squeeze(NodeView n) {
        Shape in = n.knownShape(0);
        long[] axes = n.axes(1, 13);
        if (axes == null || !isSpatial(axes, in.rank()) || !in.isFeatureMap() || in.h() != 1 || in.w() != 1) {
            throw new Unsupported("squeeze of " + in + " along " + (axes == null ? "every unit axis"
                    : Arrays.toString(axes)));
        }
        return add(n.layerName(), new Flatten(), List.of(n.feature(0)));
    }

    /** Unsqueezing N×C to N×C×1×1 is a reshape. */
    private Feature unsqueeze(NodeView n) {
        Shape in = n.knownShape(0);
        long[] axes = n.axes(1, 13);
        if (axes == null || in.isFeatureMap() || !isSpatial(axes, 4)) {
            throw new Unsupported("unsqueeze of " + in + " along " + (axes == null ? "no axes"
                    : Arrays.toString(axes)));
        }
        return add(n.layerName(), new Reshape(List.of(0, in.c(), 1, 1)), List.of(n.feature(0)));
    }

    /**
     * Split along channels: one slice layer per output, named after the output. The sizes are the {@code split}
     * attribute before opset 13, the second input from it on, or equal parts.
     */
    private OnnxValue split(NodeView n, List<OnnxValue> outputs) {
        Feature x = n.feature(0);
        Shape in = n.knownShape(0);
        long axis = normalizedAxis(n.integer("axis", 0), in.rank());
        if (axis != 1) {
            throw new Unsupported("split along axis " + axis);
        }
        List<String> names = n.node().outputs();
        long[] sizes = n.opset() >= 13 ? n.integersInput(1, "split") : n.integers("split");
        if (sizes == null) {
            if (names.isEmpty() || in.c() % names.size() != 0) {
                throw new Unsupported("equal split of " + in.c() + " channels into " + names.size());
            }
            sizes = new long[names.size()];
            Arrays.fill(sizes, in.c() / names.size());
        }
        if (sizes.length != names.size() || Arrays.stream(sizes).sum() != in.c()
                || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("split sizes " + Arrays.toString(sizes) + " for " + names.size()
                    + " outputs of " + in.c() + " channels");
        }
        int start = 0;
        for (int k = 0; k < names.size(); k++) {
            int end = start + (int) sizes[k];
            String name = names.get(k).isEmpty() ? n.layerName() + "/" + k : names.get(k);
            outputs.add(add(name, new ChannelSlice(start, end), List.of(x)));
            start = end;
        }
        return outputs.get(0);
    }

    /** Slice of channels with step 1 (ShuffleNet V2's chunk); bounds are attributes before opset 10, then inputs. */
    private Feature slice(NodeView n) {
        Shape in = n.knownShape(0);
        boolean fromInputs = n.opset() >= 10;
        long[] starts = fromInputs ? n.integersInput(1, "starts") : n.integers("starts");
        long[] ends = fromInputs ? n.integersInput(2, "ends") : n.integers("ends");
        long[] axes = fromInputs ? n.integersInput(3, "axes") : n.integers("axes");
        long[] steps = fromInputs ? n.integersInput(4, "steps") : null;
        if (starts == null || ends == null || starts.length != 1 || ends.length != 1
                || axes == null || axes.length != 1 || normalizedAxis(axes[0], in.rank()) != 1
                || (steps != null && (steps.length != 1 || steps[0] != 1))) {
            throw new Unsupported("slice other than a channel range with step 1 (starts " + Arrays.toString(starts)
                    + ", ends " + Arrays.toString(ends) + ", axes " + Arrays.toString(axes) + ")");
        }
        int from = (int) ConstantFolding.clampIndex(starts[0], in.c());
        int to = (int) ConstantFolding.clampIndex(ends[0], in.c());
        if (to <= from) {
            throw new IllegalArgumentException("channels " + starts[0] + ":" + ends[0] + " of " + in.c()
                    + " are empty");
        }
        return add(n.layerName(), new ChannelSlice(from, to), List.of(n.feature(0)));
    }

    /** Softmax over the features of N×F, or over the channels of N×C×H×W where ONNX's axis means that. */
    private Feature softmax(NodeView n) {
        Shape in = n.knownShape(0);
        long axis = normalizedAxis(n.integer("axis", n.opset() >= 13 ? -1 : 1), in.rank());
        boolean overChannels = axis == 1 && (in.rank() == 2 || n.opset() >= 13 || in.h() * in.w() == 1);
        if (!overChannels) {
            throw new Unsupported("softmax along axis " + axis + " of " + in);
        }
        return add(n.layerName(), new Softmax(), List.of(n.feature(0)));
    }

    /** The ratio is an attribute before opset 12 and an optional input from it on (0.5 when absent). */
    private Feature dropout(NodeView n) {
        double ratio = n.decimal("ratio", 0.5);
        if (n.opset() >= 12 && n.has(1)) {
            float[] v = n.constant(1, "ratio").smallFloats(1);
            if (v == null || v.length != 1) {
                throw new Unsupported("ratio is not one float32 value");
            }
            ratio = v[0];
        }
        return add(n.layerName(), new Dropout(ratio), List.of(n.feature(0)));
    }

    /** Every input, as computed tensors. */
    private static List<Feature> features(NodeView n) {
        List<Feature> inputs = new ArrayList<>();
        for (int i = 0; i < n.node().inputs().size(); i++) {
            inputs.add(n.feature(i));
        }
        return inputs;
    }

    private Feature concat(NodeView n) {
        List<Feature> inputs = features(n);
        long axis = normalizedAxis(n.integer("axis", 1), n.knownShape(0).rank());
        if (axis != 1) {
            throw new Unsupported("concatenation along axis " + axis);
        }
        return add(n.layerName(), new Concat(), inputs);
    }

    /** Registers how to read a layer's weights; notes once why they cannot be read when a tensor has no float data. */
    private void recipe(Feature layer, FileWeights.Recipe recipe, OnnxTensor... tensors) {
        for (OnnxTensor t : tensors) {
            if (t != null && weightsProblem == null) {
                if (t.external()) {
                    weightsProblem = "tensor '" + t.name() + "' is stored in an external file";
                } else if (t.dataType() != OnnxTensor.FLOAT) {
                    weightsProblem = "tensor '" + t.name() + "' has data type " + t.dataType() + ", not float32";
                } else if (t.data() == null || t.data().remaining() != 4 * t.elements()) {
                    weightsProblem = "tensor '" + t.name() + "' holds no data for its shape "
                            + Arrays.toString(t.dims());
                }
            }
        }
        weights.put(layer.layer(), recipe);
    }

    private static long[] fourDims(OnnxTensor w, String what) {
        long[] d = w.dims();
        if (d.length != 4) {
            throw new Unsupported((d.length - 2) + "-D " + what + " (weights " + Arrays.toString(d) + ")");
        }
        for (long v : d) {
            toInt(v, "weight dimension");
            if (v <= 0) {
                throw new IllegalArgumentException("weights of shape " + Arrays.toString(d));
            }
        }
        return d;
    }

    private static long[] twoDims(OnnxTensor w) {
        long[] d = w.dims();
        if (d.length != 2 || d[0] <= 0 || d[1] <= 0 || d[0] > Integer.MAX_VALUE || d[1] > Integer.MAX_VALUE) {
            throw new Unsupported("weights of shape " + Arrays.toString(d) + " (a matrix is needed)");
        }
        return d;
    }

    /** kernel_shape, when given, must agree with the weights. */
    private static void requireKernel(NodeView n, long[] weightDims) {
        long[] kernel = n.integers("kernel_shape");
        if (kernel != null && !Arrays.equals(kernel, Arrays.copyOfRange(weightDims, 2, 4))) {
            throw new IllegalArgumentException("kernel_shape " + Arrays.toString(kernel) + " differs from weights "
                    + Arrays.toString(weightDims));
        }
    }

    private static void requireBias(OnnxTensor b, int out) {
        if (b != null && b.elements() != out) {
            throw new IllegalArgumentException("bias '" + b.name() + "' of shape " + Arrays.toString(b.dims())
                    + " for " + out + " outputs");
        }
    }

    private static void requireFeatures(Feature x, long in, long[] weightDims) {
        if (x.shape().isKnown() && x.shape().elementsPerImage() != in) {
            throw new IllegalArgumentException("weights " + Arrays.toString(weightDims) + " take " + in
                    + " features, the input " + x.shape() + " has " + x.shape().elementsPerImage());
        }
    }

    /** A bias of one value broadcast to every output. */
    private static float[] perOutput(float[] bias, int out) {
        if (bias.length == out) {
            return bias;
        }
        float[] b = new float[out];
        Arrays.fill(b, bias[0]);
        return b;
    }
}
