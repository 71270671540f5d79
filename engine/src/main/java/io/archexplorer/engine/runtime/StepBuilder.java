package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
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
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.ops.TrainingHead;
import io.archexplorer.engine.runtime.kernels.Conv2d;
import io.archexplorer.engine.runtime.kernels.ConvGeometry;
import io.archexplorer.engine.runtime.kernels.DepthwiseConv2d;
import io.archexplorer.engine.runtime.kernels.Epilogue;
import io.archexplorer.engine.runtime.kernels.FusedActivation;
import io.archexplorer.engine.runtime.kernels.Sgemm;
import io.archexplorer.engine.runtime.steps.ConvTransposeKernel;
import io.archexplorer.engine.runtime.steps.CopyKernels;
import io.archexplorer.engine.runtime.steps.ElementwiseKernels;
import io.archexplorer.engine.runtime.steps.FullyConnectedKernel;
import io.archexplorer.engine.runtime.steps.NormalizationKernels;
import io.archexplorer.engine.runtime.steps.PoolKernels;
import io.archexplorer.engine.runtime.steps.StepKernel;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds one step: chooses the kernel for its op, finds its buffers and weights, folds and fuses what {@link Fusion}
 * absorbed into it. Convolutions run on the GEMM and depthwise kernels of {@code runtime.kernels}; every other op on
 * its step kernel in {@code runtime.steps}.
 */
final class StepBuilder {
    /**
     * The ops the runtime deliberately has no kernel for: an opaque layer computes something unknown (compiling
     * refuses it before any step is built), and a training head's loss or accuracy is no part of inference. Every
     * other op has its kernel in {@link #kernel}.
     */
    static final Set<Class<? extends Op>> NOT_RUNNABLE = Set.of(Opaque.class, TrainingHead.class);

    private final Net net;
    private final NetWeights weights;
    private final Fusion fusion;
    private final int layer;
    private final float[][] inputs;
    private final Shape[] inputShapes;
    private final float[] output;
    private final List<Integer> absorbed = new ArrayList<>();
    private final boolean foldInPlace;
    private long weightBytes;

    StepBuilder(Net net, NetWeights weights, Fusion fusion, MemoryPlan plan, float[][] buffers, int layer,
                boolean foldInPlace) {
        this.foldInPlace = foldInPlace;
        this.net = net;
        this.weights = weights;
        this.fusion = fusion;
        this.layer = layer;
        int[] in = net.inputIndices(layer);
        inputs = new float[in.length][];
        inputShapes = new Shape[in.length];
        for (int k = 0; k < in.length; k++) {
            inputs[k] = buffers[plan.bufferOf[fusion.tensorOf[in[k]]]];
            inputShapes[k] = net.outputShape(in[k]);
        }
        output = buffers[plan.bufferOf[layer]];
        for (int j = layer + 1; j < net.size(); j++) {
            if (fusion.computedBy[j] == layer && !Fusion.isView(net.layer(j).op())) {
                absorbed.add(j);
            }
        }
    }

    /**
     * The longest padded row or column a window may span: the kernels index rows with ints and keep row buffers of
     * it per thread. 2^24 values is far beyond any image, so only a window, padding or dilation absurdly larger
     * than the input (which the shape arithmetic allows: a 2^31−1 kernel on 2^30 padding) is refused.
     */
    static final int MAX_SPAN = 1 << 24;

    /** Refuses, before anything is allocated, a window whose padded span the kernels cannot index. */
    static void requireSpans(Net net) {
        for (int i = 0; i < net.size(); i++) {
            Op op = net.layer(i).op();
            Shape in = net.inputShapes(i).isEmpty() ? null : net.inputShapes(i).get(0);
            if (op instanceof Conv c) {
                requireSpan(net, i, in.h(), c.kernelH(), c.padH(), c.dilationH());
                requireSpan(net, i, in.w(), c.kernelW(), c.padW(), c.dilationW());
            } else if (op instanceof Pool p) {
                requireSpan(net, i, in.h(), p.kernelH(), p.padH(), 1);
                requireSpan(net, i, in.w(), p.kernelW(), p.padW(), 1);
            }
        }
    }

    private static void requireSpan(Net net, int layer, int size, int kernel, int pad, int dilation) {
        long padded = size + 2L * pad;
        long window = (long) dilation * (kernel - 1) + 1;
        if (Math.max(padded, window) > MAX_SPAN) {
            throw new IllegalArgumentException("cannot run " + net.name() + ": layer '" + net.layer(layer).name()
                    + "': its window (kernel " + kernel + ", padding " + pad + ", dilation " + dilation + ") spans "
                    + Math.max(padded, window) + " values of a row; the runtime's kernels index up to " + MAX_SPAN);
        }
    }

    /** The kernels' description of a convolution layer on its input. */
    static ConvGeometry geometry(Conv conv, Shape in) {
        return new ConvGeometry(in.n(), in.c(), in.h(), in.w(), conv.outChannels(), conv.kernelH(), conv.kernelW(),
                conv.strideH(), conv.strideW(), conv.padH(), conv.padW(), conv.padH(), conv.padW(), conv.dilationH(),
                conv.dilationW(), conv.groups());
    }

    Step build() {
        Layer l = net.layer(layer);
        List<String> names = absorbed.stream().map(j -> net.layer(j).name()).toList();
        long multAdds = l.op().multAdds(net.inputShapes(layer), net.outputShape(layer));
        return new Step(layer, l.name(), l.op().kind(), names, multAdds, kernel(l.op()));
    }

    /** Bytes of the weights this step holds, known once it is built. */
    long weightBytes() {
        return weightBytes;
    }

    private StepKernel kernel(Op op) {
        Shape in = inputShapes.length > 0 ? inputShapes[0] : null;
        Shape out = net.outputShape(layer);
        float[] x = inputs.length > 0 ? inputs[0] : null;
        int count = Math.toIntExact(out.elements());
        if (op instanceof Conv conv) {
            return convolution(conv, in);
        }
        if (op instanceof FullyConnected fc) {
            LayerWeights w = weights.layer(layer);
            weightBytes += w.bytes();
            return FullyConnectedKernel.of(x, w.weight(), w.bias(), output, in.n(),
                    Math.toIntExact(in.elementsPerImage()), fc.outFeatures());
        }
        if (op instanceof BatchNorm bn) {
            float[][] affine = batchNormAffine(weights.layer(layer), bn.eps());
            weightBytes += 8L * affine[0].length;
            return ElementwiseKernels.affine(affine[0], affine[1], fusedActivation(), x, output, in.n(), in.c(),
                    Math.toIntExact(in.elementsPerImage() / in.c()));
        }
        if (op instanceof Activation a) {
            return ElementwiseKernels.activation(a.function(), x, output, count);
        }
        if (op instanceof Pool pool) {
            return PoolKernels.window(pool, in, out, x, output);
        }
        if (op instanceof GlobalAvgPool || op instanceof AdaptiveAvgPool) {
            return PoolKernels.adaptiveAverage(in, out, x, output);
        }
        if (op instanceof Add) {
            return ElementwiseKernels.sum(inputs, fusedActivation(), output, count);
        }
        if (op instanceof Elementwise e) {
            return ElementwiseKernels.combine(e.operation(), inputs, output, count);
        }
        if (op instanceof Scale) {
            LayerWeights w = weights.layer(layer);
            float[] shift = w.beta() == null ? new float[in.c()] : w.beta();
            weightBytes += w.bytes();
            return ElementwiseKernels.affine(w.gamma(), shift, fusedActivation(), x, output, in.n(), in.c(),
                    Math.toIntExact(in.elementsPerImage() / in.c()));
        }
        if (op instanceof ScalarMultiply m) {
            return ElementwiseKernels.multiply((float) m.factor(), x, output, count);
        }
        if (op instanceof ChannelMultiply) {
            return ElementwiseKernels.scaleChannels(x, inputs[1], output, in.n(), in.c(), in.h() * in.w());
        }
        if (op instanceof Concat) {
            return CopyKernels.concat(inputs, inputShapes, output, out);
        }
        if (op instanceof ChannelSlice slice) {
            return CopyKernels.slice(x, in, slice.start(), slice.end(), output);
        }
        if (op instanceof Crop crop) {
            return CopyKernels.crop(crop, x, in, out, output);
        }
        if (op instanceof ConvTranspose up) {
            LayerWeights w = weights.layer(layer);
            weightBytes += w.bytes();
            return ConvTransposeKernel.of(up, in, out, x, w.weight(), w.bias(), output);
        }
        if (op instanceof ChannelShuffle shuffle) {
            return CopyKernels.shuffle(x, in, shuffle.groups(), output);
        }
        if (op instanceof Lrn lrn) {
            return NormalizationKernels.lrn(lrn, in, x, output);
        }
        if (op instanceof Softmax) {
            return NormalizationKernels.softmax(in, x, output);
        }
        if (op instanceof TrainingHead head) {
            throw new IllegalArgumentException("layer '" + net.layer(layer).name() + "' is a training layer ("
                    + head.type() + "); the runtime runs inference nets (open the deploy file)");
        }
        throw new IllegalArgumentException("layer '" + net.layer(layer).name() + "': the runtime cannot execute "
                + op.kind());
    }

    /**
     * A convolution with its absorbed batchnorm folded into weights and bias, its residual add and its
     * activation fused.
     */
    private StepKernel convolution(Conv conv, Shape in) {
        LayerWeights w = weights.layer(layer);
        float[] kernelWeights = w.weight();
        float[] bias = w.bias();
        for (int j : absorbed) {
            if (net.layer(j).op() instanceof BatchNorm bn) {
                float[][] affine = batchNormAffine(weights.layer(j), bn.eps());
                kernelWeights = scaleRows(foldInPlace ? kernelWeights : kernelWeights.clone(), affine[0]);
                bias = shiftBias(bias, affine[0], affine[1]);
            }
        }
        FusedActivation activation = fusedActivation();
        weightBytes += bias == null ? 0 : 4L * bias.length;
        ConvGeometry g = geometry(conv, in);
        Epilogue epilogue = Epilogue.of(bias, activation);
        float[] x = inputs[0];
        // Locals, not fields, in the lambdas: a lambda reading a field keeps this builder, and with it every
        // generated weight of the net, alive for as long as the compiled net (twice the weights in the heap).
        float[] out = output;
        float[] filters = kernelWeights;
        if (g.isDepthwise()) {
            weightBytes += 4L * filters.length;
            return p -> DepthwiseConv2d.forward(g, x, 0, filters, 0, epilogue, out, 0, p);
        }
        // With a fused residual add the output buffer holds the shortcut, and the convolution adds onto it.
        boolean accumulate = fusion.shortcutOf[layer] >= 0;
        Sgemm.PackedA[] packed = Conv2d.packWeights(g, filters, 0);
        for (Sgemm.PackedA group : packed) {
            weightBytes += 4L * group.packedFloats();
        }
        return p -> Conv2d.forward(g, x, 0, packed, epilogue, accumulate, out, 0, p);
    }

    /** The ReLU or ReLU6 absorbed into this step, if any ({@link Fusion} absorbs no other activation). */
    private FusedActivation fusedActivation() {
        for (int j : absorbed) {
            if (net.layer(j).op() instanceof Activation a) {
                return a.function() == Activation.Function.RELU6
                        ? FusedActivation.RELU6
                        : FusedActivation.RELU;
            }
        }
        return FusedActivation.NONE;
    }

    /** Batchnorm at inference as y = x·scale + shift with scale = γ/√(var + ε), shift = β − mean·scale. */
    private static float[][] batchNormAffine(LayerWeights w, double eps) {
        int c = w.gamma().length;
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int k = 0; k < c; k++) {
            double s = w.gamma()[k] / Math.sqrt(w.variance()[k] + eps);
            scale[k] = (float) s;
            shift[k] = (float) (w.beta()[k] - w.mean()[k] * s);
        }
        return new float[][] {scale, shift};
    }

    /** Scales each output channel's filter; modifies and returns {@code folded}. */
    private static float[] scaleRows(float[] folded, float[] scale) {
        int perRow = folded.length / scale.length;
        for (int o = 0; o < scale.length; o++) {
            for (int k = 0; k < perRow; k++) {
                folded[o * perRow + k] *= scale[o];
            }
        }
        return folded;
    }

    private static float[] shiftBias(float[] bias, float[] scale, float[] shift) {
        float[] folded = new float[scale.length];
        for (int o = 0; o < scale.length; o++) {
            folded[o] = (bias == null ? 0f : bias[o]) * scale[o] + shift[o];
        }
        return folded;
    }
}
