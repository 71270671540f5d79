package io.archexplorer.engine.analysis;

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
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.ops.TrainingHead;
import java.util.List;

/**
 * The kinds of operation the design literature argues about, for colours, legends and breakdowns: ShuffleNet
 * V2's Figure 2 splits time into convolution, depthwise and pointwise convolution and element-wise work, and
 * MobileNet's Table 2 does the same for mult-adds.
 */
public enum OpCategory {
    INPUT("input"),
    CONV("conv"),
    DEPTHWISE_CONV("depthwise conv"),
    POINTWISE_CONV("pointwise conv"),
    GROUPED_CONV("grouped conv"),
    FULLY_CONNECTED("fc"),
    POOLING("pooling"),
    ELEMENTWISE("add / multiply"),
    CHANNEL_PLUMBING("concat / split / shuffle"),
    NORMALIZATION("normalization"),
    ACTIVATION("activation"),
    OTHER("other");

    private final String label;

    OpCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The category of an op applied to these input shapes (a conv's kind depends on its input channels).
     *
     * @throws IllegalArgumentException for an op no category names
     */
    public static OpCategory of(Op op, List<Shape> inputs) {
        if (op instanceof Conv c) {
            int in = inputs.get(0).isKnown() ? inputs.get(0).c() : 0;
            if (c.isDepthwise(in)) {
                return DEPTHWISE_CONV;
            }
            if (c.groups() > 1) {
                return GROUPED_CONV;
            }
            return c.kernelH() == 1 && c.kernelW() == 1 ? POINTWISE_CONV : CONV;
        }
        if (op instanceof Input) {
            return INPUT;
        }
        if (op instanceof FullyConnected) {
            return FULLY_CONNECTED;
        }
        if (op instanceof Pool || op instanceof GlobalAvgPool || op instanceof AdaptiveAvgPool) {
            return POOLING;
        }
        if (op instanceof ConvTranspose) {
            return CONV;
        }
        if (op instanceof Add || op instanceof ChannelMultiply || op instanceof Elementwise
                || op instanceof ScalarMultiply) {
            return ELEMENTWISE;
        }
        if (op instanceof Concat || op instanceof ChannelSlice || op instanceof ChannelShuffle) {
            return CHANNEL_PLUMBING;
        }
        if (op instanceof BatchNorm || op instanceof Scale || op instanceof Lrn || op instanceof Softmax) {
            return NORMALIZATION;
        }
        if (op instanceof Activation) {
            return ACTIVATION;
        }
        if (op instanceof Flatten || op instanceof Reshape || op instanceof Crop || op instanceof Dropout
                || op instanceof Identity || op instanceof Opaque || op instanceof TrainingHead) {
            return OTHER;
        }
        // Named, not defaulted: a new op must be given its category on purpose (OpSetSeamTest asks for one).
        throw new IllegalArgumentException("op '" + op.kind() + "' has no category");
    }
}
