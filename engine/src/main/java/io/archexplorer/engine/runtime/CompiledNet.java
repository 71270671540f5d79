package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.memory.HeapBudget;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.runtime.kernels.Parallelism;
import io.archexplorer.engine.runtime.kernels.WorkerPool;
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
        StepBuilder.requireSpans(net);
        Fusion fusion = Fusion.of(net, options);
        MemoryPlan plan = MemoryPlan.of(net, fusion);
        // The generated weights and their packed copies live side by side while compiling; the run then keeps the
        // packed convolution weights and the other layers' generated ones, which is the weight figure it reports.
        long source = MemoryBudget.packedSourceBytes(net);
        long kept = NetWeights.generatedBytes(net) - source + MemoryBudget.packedWeightBytes(net);
        long arena = plan.arenaBytes();
        long scratch = MemoryBudget.scratchBytes(net, options.threads());
        HeapBudget.check(net, kept, source, arena, scratch);
        try {
            return compile(net, NetWeights.generate(net, seed), options, fusion, plan, true);
        } catch (OutOfMemoryError e) {
            // The check counts bytes; the collector may still fail to place large arrays in them. What was
            // allocated is unreachable now, so this is a refusal like the check's, not a broken program.
            throw HeapBudget.ranOut(net, kept, source, arena, scratch);
        }
    }

    /**
     * Compiles the net with the given weights (index-aligned with its layers), which are left untouched: folding
     * batchnorm works on copies.
     */
    public static CompiledNet compile(Net net, NetWeights weights, RuntimeOptions options) {
        net.requireKnownShapes("run");
        StepBuilder.requireSpans(net);
        Fusion fusion = Fusion.of(net, options);
        MemoryPlan plan = MemoryPlan.of(net, fusion);
        long kept = MemoryBudget.foldedCopyBytes(net, fusion) + MemoryBudget.packedWeightBytes(net);
        long arena = plan.arenaBytes();
        long scratch = MemoryBudget.scratchBytes(net, options.threads());
        HeapBudget.check(net, kept, arena, scratch);
        try {
            return compile(net, weights, options, fusion, plan, false);
        } catch (OutOfMemoryError e) {
            throw HeapBudget.ranOut(net, kept, 0, arena, scratch);
        }
    }

    /**
     * Whether the runtime runs this op; false for the ops it deliberately has no kernel for (opaque layers, training
     * heads), which make {@link #create} and {@link #compile} refuse the net.
     */
    public static boolean isRunnable(Op op) {
        return !StepBuilder.NOT_RUNNABLE.contains(op.getClass());
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
            weightBytes += builder.weightBytes();
        }
        float[] input = buffers[plan.bufferOf[inputLayer]];
        float[] output = buffers[plan.bufferOf[fusion.tensorOf[net.size() - 1]]];
        WorkerPool pool = new WorkerPool(options.threads() - 1);
        return new CompiledNet(net, options, fusion, steps, stepOutputs, input, output, plan.arenaBytes(),
                weightBytes, pool);
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
}
