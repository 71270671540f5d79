package io.archexplorer.engine.io.caffe;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import java.util.List;
import java.util.Map;

/**
 * The engine op of a Caffe layer that maps onto exactly one op, read from the layer's parameters with Caffe's
 * defaults (caffe.proto). Layers that become several ops or none (Input, Data, Split, Slice, Axpy, loss layers)
 * are the importer's business.
 */
final class CaffeLayerOps {
    /** V1 files ({@code layers { type: CONVOLUTION }}) name types by enum; these are the V2 names. */
    private static final Map<String, String> V1_TYPES = Map.ofEntries(
            Map.entry("CONVOLUTION", "Convolution"), Map.entry("DECONVOLUTION", "Deconvolution"),
            Map.entry("POOLING", "Pooling"), Map.entry("INNER_PRODUCT", "InnerProduct"), Map.entry("RELU", "ReLU"),
            Map.entry("SIGMOID", "Sigmoid"), Map.entry("TANH", "TanH"), Map.entry("DROPOUT", "Dropout"),
            Map.entry("LRN", "LRN"), Map.entry("SOFTMAX", "Softmax"), Map.entry("CONCAT", "Concat"),
            Map.entry("ELTWISE", "Eltwise"), Map.entry("FLATTEN", "Flatten"), Map.entry("SPLIT", "Split"),
            Map.entry("SLICE", "Slice"), Map.entry("DATA", "Data"), Map.entry("IMAGE_DATA", "ImageData"),
            Map.entry("SOFTMAX_LOSS", "SoftmaxWithLoss"), Map.entry("ACCURACY", "Accuracy"),
            Map.entry("EUCLIDEAN_LOSS", "EuclideanLoss"), Map.entry("SILENCE", "Silence"));

    private CaffeLayerOps() {
    }

    /** A known layer type used with settings the engine has no op for; the layer is imported as opaque. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** The V2 type name of a layer, whichever format the file uses. */
    static String typeName(String written) {
        return V1_TYPES.getOrDefault(written, written);
    }

    /**
     * The op for a layer of this type, or null when the engine does not know the type.
     *
     * @param inputs the shapes of the layer's bottoms, unknown where nothing is known
     * @throws Unsupported when the type is known but a setting is not
     */
    static Op of(String type, PrototxtMessage layer, List<Shape> inputs) {
        return switch (type) {
            case "Convolution" -> convolution(layer.message("convolution_param"), 0);
            case "ConvolutionDepthwise" -> depthwise(layer.message("convolution_param"), inputs.get(0));
            case "Deconvolution" -> deconvolution(layer.message("convolution_param"));
            case "InnerProduct" -> innerProduct(layer.message("inner_product_param"));
            case "Pooling" -> pooling(layer.message("pooling_param"), inputs.get(0));
            case "ReLU" -> relu(layer.message("relu_param"));
            case "ReLU6" -> new Activation(Activation.Function.RELU6);
            case "Sigmoid" -> new Activation(Activation.Function.SIGMOID);
            case "TanH" -> new Activation(Activation.Function.TANH);
            case "BatchNorm" -> new BatchNorm(layer.message("batch_norm_param").decimal("eps", 1e-5), false);
            case "Scale" -> scale(layer.message("scale_param"), inputs.size());
            case "Dropout" -> new Dropout(layer.message("dropout_param").decimal("dropout_ratio", 0.5));
            case "LRN" -> lrn(layer.message("lrn_param"));
            case "Softmax" -> softmax(layer.message("softmax_param"));
            case "Flatten" -> flatten(layer.message("flatten_param"));
            case "Concat" -> concat(layer.message("concat_param"));
            case "Eltwise" -> eltwise(layer.message("eltwise_param"));
            case "Crop" -> crop(layer.message("crop_param"));
            case "Reshape" -> reshape(layer.message("reshape_param"));
            case "ShuffleChannel" -> new ChannelShuffle(layer.message("shuffle_channel_param").integer("group", 1));
            default -> null;
        };
    }

    private static Conv convolution(PrototxtMessage p, int groupsOverride) {
        Window w = Window.of(p);
        int groups = groupsOverride > 0 ? groupsOverride : p.integer("group", 1);
        return new Conv(p.integer("num_output", 0), w.kernelH, w.kernelW, w.strideH, w.strideW, w.padH, w.padW,
                w.dilation, w.dilation, groups, p.bool("bias_term", true));
    }

    /** ConvolutionDepthwise (MobileNet forks): one filter per input channel, whatever {@code group} says. */
    private static Conv depthwise(PrototxtMessage p, Shape in) {
        return convolution(p, in.isKnown() ? in.c() : p.integer("num_output", 0));
    }

    private static ConvTranspose deconvolution(PrototxtMessage p) {
        Window w = Window.of(p);
        return new ConvTranspose(p.integer("num_output", 0), w.kernelH, w.kernelW, w.strideH, w.strideW, w.padH,
                w.padW, w.dilation, w.dilation, p.integer("group", 1), p.bool("bias_term", true));
    }

    private static FullyConnected innerProduct(PrototxtMessage p) {
        if (p.integer("axis", 1) != 1) {
            throw new Unsupported("inner product over axis " + p.integer("axis", 1));
        }
        return new FullyConnected(p.integer("num_output", 0), p.bool("bias_term", true));
    }

    /**
     * Caffe rounds pooled sizes up and drops a window starting outside the input only when padded
     * ({@link Pool#caffeRounding()}); Caffe versions since 2018 may say {@code round_mode: FLOOR} instead. Global
     * pooling covers the whole map.
     */
    private static Op pooling(PrototxtMessage p, Shape in) {
        String method = p.text("pool", "MAX");
        Pool.Mode mode = switch (method) {
            case "MAX", "0" -> Pool.Mode.MAX;
            case "AVE", "1" -> Pool.Mode.AVG;
            default -> throw new Unsupported("pooling method " + method);
        };
        if (p.bool("global_pooling", false)) {
            if (mode == Pool.Mode.AVG) {
                return new GlobalAvgPool();
            }
            if (!in.isKnown()) {
                throw new Unsupported("global max pooling of a map of unknown size");
            }
            return new Pool(mode, in.h(), in.w(), 1, 1, 0, 0, true, true, true);
        }
        Window w = Window.of(p);
        // Newer Caffe says round_mode; the fork many Torch-converted models need (BVLC/caffe PR #3057) says
        // ceil_mode, and files converted with it write "ceil_mode: false" to round down as Torch does.
        boolean ceil = p.has("ceil_mode") && !p.has("round_mode") ? p.bool("ceil_mode", true)
                : switch (p.text("round_mode", "CEIL")) {
                    case "CEIL", "0" -> true;
                    case "FLOOR", "1" -> false;
                    default -> throw new Unsupported("pooling round_mode " + p.text("round_mode", ""));
                };
        return new Pool(mode, w.kernelH, w.kernelW, w.strideH, w.strideW, w.padH, w.padW, ceil, true, ceil);
    }

    private static Activation relu(PrototxtMessage p) {
        if (p.decimal("negative_slope", 0) != 0) {
            throw new Unsupported("leaky ReLU (negative_slope " + p.decimal("negative_slope", 0) + ")");
        }
        return new Activation(Activation.Function.RELU);
    }

    /**
     * One bottom: γ (and β) per channel. Two bottoms with {@code axis: 0} and no bias: the first scaled by the second,
     * one factor per image and channel (N×C) — how SENet's SE-BN-Inception writes its excitation.
     */
    private static Op scale(PrototxtMessage p, int bottoms) {
        if (bottoms == 2 && p.integer("axis", 1) == 0 && !p.bool("bias_term", false)) {
            return new ChannelMultiply();
        }
        if (bottoms > 1 || p.integer("axis", 1) != 1 || p.integer("num_axes", 1) != 1) {
            throw new Unsupported("scale by a second input or over other axes than channels");
        }
        return new Scale(p.bool("bias_term", false));
    }

    private static Lrn lrn(PrototxtMessage p) {
        if (!p.text("norm_region", "ACROSS_CHANNELS").equals("ACROSS_CHANNELS")) {
            throw new Unsupported("LRN within channels");
        }
        return new Lrn(p.integer("local_size", 5), p.decimal("alpha", 1), p.decimal("beta", 0.75),
                p.decimal("k", 1));
    }

    private static Softmax softmax(PrototxtMessage p) {
        if (p.integer("axis", 1) != 1) {
            throw new Unsupported("softmax over axis " + p.integer("axis", 1));
        }
        return new Softmax();
    }

    private static Flatten flatten(PrototxtMessage p) {
        if (p.integer("axis", 1) != 1 || p.integer("end_axis", -1) != -1) {
            throw new Unsupported("flatten of other axes than all but the batch");
        }
        return new Flatten();
    }

    private static Concat concat(PrototxtMessage p) {
        int axis = p.integer("axis", p.integer("concat_dim", 1));
        if (axis != 1) {
            throw new Unsupported("concatenation along axis " + axis);
        }
        return new Concat();
    }

    /** SUM with coefficients other than 1 (a weighted sum) has no engine op. */
    private static Op eltwise(PrototxtMessage p) {
        String operation = p.text("operation", "SUM");
        return switch (operation) {
            case "SUM", "1" -> {
                if (p.decimals("coeff").stream().anyMatch(c -> c != 1)) {
                    throw new Unsupported("weighted sum (coeff " + p.decimals("coeff") + ")");
                }
                yield new Add();
            }
            case "PROD", "0" -> new Elementwise(Elementwise.Operation.MUL);
            case "MAX", "2" -> new Elementwise(Elementwise.Operation.MAX);
            default -> throw new Unsupported("eltwise operation " + operation);
        };
    }

    private static Crop crop(PrototxtMessage p) {
        return new Crop(p.integer("axis", 2), p.integers("offset"));
    }

    private static Reshape reshape(PrototxtMessage p) {
        if (p.integer("axis", 0) != 0 || p.integer("num_axes", -1) != -1) {
            throw new Unsupported("reshape of part of the shape (axis, num_axes)");
        }
        try {
            return new Reshape(p.message("shape").integers("dim"));
        } catch (IllegalArgumentException e) {
            throw new Unsupported("reshape: " + e.getMessage());
        }
    }

    /**
     * Kernel, stride, padding and dilation as Caffe reads them: {@code kernel_h}/{@code kernel_w} override
     * {@code kernel_size}, which may be given once (square) or once per axis; likewise stride and pad.
     */
    private record Window(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilation) {
        static Window of(PrototxtMessage p) {
            if (p.integers("kernel_size").size() > 2 || p.integer("axis", 1) != 1) {
                throw new Unsupported("a convolution over other than two spatial axes");
            }
            int[] kernel = perAxis(p, "kernel", 0);
            int[] stride = perAxis(p, "stride", 1);
            int[] pad = perAxis(p, "pad", 0);
            List<Integer> dilation = p.integers("dilation");
            if (dilation.size() > 1 && !dilation.get(0).equals(dilation.get(1))) {
                throw new Unsupported("different dilations per axis");
            }
            return new Window(kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1],
                    dilation.isEmpty() ? 1 : dilation.get(0));
        }

        private static int[] perAxis(PrototxtMessage p, String what, int absent) {
            List<Integer> both = p.integers(what.equals("kernel") ? "kernel_size" : what);
            int h = both.isEmpty() ? absent : both.get(0);
            int w = both.size() > 1 ? both.get(1) : h;
            return new int[] {p.integer(what + "_h", h), p.integer(what + "_w", w)};
        }
    }
}
