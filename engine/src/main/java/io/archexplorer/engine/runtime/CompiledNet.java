package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.memory.HeapBudget;
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
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.ops.TrainingHead;
import io.archexplorer.engine.runtime.kernels.Conv2d;
import io.archexplorer.engine.runtime.kernels.FusedActivation;
import io.archexplorer.engine.runtime.kernels.ConvGeometry;
import io.archexplorer.engine.runtime.kernels.DepthwiseConv2d;
import io.archexplorer.engine.runtime.kernels.Epilogue;
import io.archexplorer.engine.runtime.kernels.Parallelism;
import io.archexplorer.engine.runtime.kernels.Sgemm;
import io.archexplorer.engine.runtime.kernels.WorkerPool;
import io.archexplorer.engine.runtime.layers.ConvTransposeKernel;
import io.archexplorer.engine.runtime.layers.CopyKernels;
import io.archexplorer.engine.runtime.layers.ElementwiseKernels;
import io.archexplorer.engine.runtime.layers.FullyConnectedKernel;
import io.archexplorer.engine.runtime.layers.LayerKernel;
import io.archexplorer.engine.runtime.layers.NormalizationKernels;
import io.archexplorer.engine.runtime.layers.PoolKernels;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A net ready to run on the CPU: its steps bound to preallocated activation buffers (see {@link MemoryPlan}) and
 * to its weights (batchnorm folded into convolutions where {@link RuntimeOptions} allow), plus the worker threads.
 * Inputs and outputs are float32 NCHW. A compiled net is not thread-safe: run one inference at a time. Close it
 * to stop its worker threads.
 */
public final class CompiledNet implements AutoCloseable {
    private final Net net;
    private final RuntimeOptions options;
    private final List<Step> steps;
    private final List<float[]> stepOutputs;
    private final int[] stepOutputSizes;
    private final float[] inputBuffer;
    private final float[] outputBuffer;
    private final long activationBytes;
    private final long weightBytes;
    private final WorkerPool pool;
    private final Parallelism parallelism;
    private final AtomicBoolean running = new AtomicBoolean();

    private CompiledNet(Net net, RuntimeOptions options, Fusion fusion, List<Step> steps, List<float[]> stepOutputs,
                        float[] inputBuffer, float[] outputBuffer, long activationBytes, long weightBytes,
                        WorkerPool pool) {
        this.net = net;
        this.options = options;
        this.steps = Collections.unmodifiableList(steps);
        this.stepOutputs = stepOutputs;
        this.stepOutputSizes = new int[steps.size()];
        int[] groupLast = fusion.lastOfGroups();
        for (int s = 0; s < steps.size(); s++) {
            stepOutputSizes[s] = Math.toIntExact(net.outputShape(groupLast[steps.get(s).layer()]).elements());
        }
        this.inputBuffer = inputBuffer;
        this.outputBuffer = outputBuffer;
        this.activationBytes = activationBytes;
        this.weightBytes = weightBytes;
        this.pool = pool;
        this.parallelism = Parallelism.of(pool);
    }

    /**
     * Generates the net's weights from {@code seed} (see {@link NetWeights#generate}) and compiles it, after
     * checking that weights and activations fit in the heap. The weights are this net's own, so batchnorm is
     * folded into them in place.
     *
     * @throws InsufficientMemoryException naming the figures when they do not fit
     * @throws IllegalArgumentException naming a layer the runtime cannot execute (opaque, unknown shape, ...)
     */
    public static CompiledNet create(Net net, long seed, RuntimeOptions options) {
        net.requireKnownShapes("run");
        Fusion fusion = Fusion.of(net, options);
        MemoryPlan plan = MemoryPlan.of(net, fusion);
        // The generated weights and their packed copies live side by side while compiling.
        HeapBudget.check(net, NetWeights.generatedBytes(net) + MemoryBudget.packedWeightBytes(net),
                plan.arenaBytes(), MemoryBudget.scratchBytes(net, options.threads()));
        return compile(net, NetWeights.generate(net, seed), options, fusion, plan, true);
    }

    /**
     * Compiles the net with the given weights (index-aligned with its layers), which are left untouched: folding
     * batchnorm works on copies.
     */
    public static CompiledNet compile(Net net, NetWeights weights, RuntimeOptions options) {
        net.requireKnownShapes("run");
        Fusion fusion = Fusion.of(net, options);
        MemoryPlan plan = MemoryPlan.of(net, fusion);
        HeapBudget.check(net, MemoryBudget.foldedCopyBytes(net, fusion) + MemoryBudget.packedWeightBytes(net),
                plan.arenaBytes(), MemoryBudget.scratchBytes(net, options.threads()));
        return compile(net, weights, options, fusion, plan, false);
    }

    private static CompiledNet compile(Net net, NetWeights weights, RuntimeOptions options, Fusion fusion,
                                       MemoryPlan plan, boolean foldInPlace) {
        int inputLayer = singleInput(net);
        float[][] buffers = new float[plan.bufferFloats.length][];
        for (int b = 0; b < buffers.length; b++) {
            buffers[b] = new float[Math.toIntExact(plan.bufferFloats[b])];
        }
        List<Step> steps = new ArrayList<>();
        List<float[]> stepOutputs = new ArrayList<>();
        long weightBytes = 0;
        for (int i = 0; i < net.size(); i++) {
            if (!fusion.isStep(i) || net.layer(i).op() instanceof Input) {
                continue;
            }
            StepBuilder builder = new StepBuilder(net, weights, fusion, plan, buffers, i, foldInPlace);
            steps.add(builder.build());
            stepOutputs.add(buffers[plan.bufferOf[i]]);
            weightBytes += builder.weightBytes;
        }
        float[] input = buffers[plan.bufferOf[inputLayer]];
        float[] output = buffers[plan.bufferOf[fusion.tensorOf[net.size() - 1]]];
        WorkerPool pool = new WorkerPool(options.threads() - 1);
        return new CompiledNet(net, options, fusion, steps, stepOutputs, input, output, plan.arenaBytes(),
                weightBytes, pool);
    }

    /** The kernels' description of a convolution layer on its input. */
    static ConvGeometry geometry(Conv conv, Shape in) {
        return new ConvGeometry(in.n(), in.c(), in.h(), in.w(), conv.outChannels(), conv.kernelH(), conv.kernelW(),
                conv.strideH(), conv.strideW(), conv.padH(), conv.padW(), conv.padH(), conv.padW(), conv.dilationH(),
                conv.dilationW(), conv.groups());
    }

    /** The index of the net's one input layer; the runtime feeds a single tensor. */
    private static int singleInput(Net net) {
        List<String> inputs = new ArrayList<>();
        int index = -1;
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i).op() instanceof Input) {
                inputs.add(net.layer(i).name());
                index = i;
            }
        }
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(net.name() + ": the runtime runs nets with exactly one input layer, "
                    + "this one has " + (inputs.isEmpty() ? "none" : inputs.size() + " (" + String.join(", ", inputs)
                    + ")"));
        }
        return index;
    }

    /** Runs one inference; {@code input} has the net's input shape, the result its final layer's shape. */
    public float[] run(float[] input) {
        return run(input, CancellationToken.none(), null);
    }

    /**
     * Runs one inference, checking {@code cancel} between steps.
     *
     * @param stepNanos when not null, receives the time of each step (index-aligned with {@link #steps()})
     * @throws CancellationException when cancelled
     */
    public float[] run(float[] input, CancellationToken cancel, long[] stepNanos) {
        return run(input, cancel, stepNanos, null);
    }

    /** Runs one inference and shows {@code observer} each step's output as soon as it is computed. */
    public float[] run(float[] input, StepObserver observer) {
        return run(input, CancellationToken.none(), null, observer);
    }

    private float[] run(float[] input, CancellationToken cancel, long[] stepNanos, StepObserver observer) {
        // One compiled net has one set of activation buffers: two inferences at once would corrupt each other.
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException(net.name() + " is already running an inference on another thread");
        }
        try {
            return runOnce(input, cancel, stepNanos, observer);
        } finally {
            running.set(false);
        }
    }

    private float[] runOnce(float[] input, CancellationToken cancel, long[] stepNanos, StepObserver observer) {
        int expected = Math.toIntExact(net.inputShape().elements());
        if (input.length != expected) {
            throw new IllegalArgumentException("input has " + input.length + " values, " + net.name() + " takes "
                    + net.inputShape() + " = " + expected);
        }
        System.arraycopy(input, 0, inputBuffer, 0, expected);
        for (int s = 0; s < steps.size(); s++) {
            if (cancel.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            long t0 = stepNanos == null ? 0 : System.nanoTime();
            steps.get(s).kernel().run(parallelism);
            if (stepNanos != null) {
                stepNanos[s] = System.nanoTime() - t0;
            }
            if (observer != null) {
                observer.after(steps.get(s), stepOutputs.get(s), stepOutputSizes[s]);
            }
        }
        int size = Math.toIntExact(net.finalShape().elements());
        float[] result = new float[size];
        System.arraycopy(outputBuffer, 0, result, 0, size);
        return result;
    }

    public Net net() {
        return net;
    }

    public RuntimeOptions options() {
        return options;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Bytes of the activation arena: the peak activation memory of one inference. */
    public long activationBytes() {
        return activationBytes;
    }

    /** Bytes of the weights the steps hold (folded copies where batchnorm was folded). */
    public long weightBytes() {
        return weightBytes;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Binds one step: finds its buffers and weights, folds and fuses what {@link Fusion} absorbed into it. */
    private static final class StepBuilder {
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

        Step build() {
            Layer l = net.layer(layer);
            List<String> names = absorbed.stream().map(j -> net.layer(j).name()).toList();
            long multAdds = l.op().multAdds(net.inputShapes(layer), net.outputShape(layer));
            return new Step(layer, l.name(), l.op().kind(), names, multAdds, kernel(l.op()));
        }

        private LayerKernel kernel(Op op) {
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
        private LayerKernel convolution(Conv conv, Shape in) {
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
            float[] filters = kernelWeights;
            if (g.isDepthwise()) {
                weightBytes += 4L * filters.length;
                return p -> DepthwiseConv2d.forward(g, x, 0, filters, 0, epilogue, output, 0, p);
            }
            // With a fused residual add the output buffer holds the shortcut, and the convolution adds onto it.
            boolean accumulate = fusion.shortcutOf[layer] >= 0;
            Sgemm.PackedA[] packed = Conv2d.packWeights(g, filters, 0);
            for (Sgemm.PackedA group : packed) {
                weightBytes += 4L * group.packedFloats();
            }
            return p -> Conv2d.forward(g, x, 0, packed, epilogue, accumulate, output, 0, p);
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
}
