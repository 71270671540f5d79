package io.archexplorer.engine.runtime.kernels;

/**
 * Any 2-D convolution (kernel size, stride, padding, dilation, groups) as matrix products per image and group:
 * {@code output[outChannelsPerGroup][outPlane] = weights[outChannelsPerGroup][filterSize] · columns}, where the
 * columns are the input planes themselves for a pointwise (1×1, stride 1, no padding) convolution and the
 * {@link Im2col} expansion otherwise. The {@link Epilogue} (bias per output channel, activation) is fused into
 * the GEMM's tile stores, and so is an optional residual: with {@code accumulate} the convolution is added to
 * what the output already holds (a ResNet shortcut) before bias and activation. For depthwise convolutions
 * {@link DepthwiseConv2d} is much faster.
 *
 * <p>Why it is fast: besides the {@link Sgemm} itself, the im2col matrix is never built whole. It is expanded
 * one slice of output pixels at a time, sized to stay in L2 ({@value #SLICE_FLOATS} floats), and each slice is
 * multiplied while it is hot; a whole 3×3 or 7×7 expansion would be several MB written to and read back from
 * memory, which costs about as much as the multiply itself when there are only 64 output channels.
 *
 * <p>Threading: with enough (image, group) products to share evenly, threads take whole products; otherwise
 * the products run one after another, and within each, threads take whole slices if there are enough, or else
 * every slice is split inside (im2col rows, GEMM tiles) across all threads. Whole products and slices are
 * handed out one at a time ({@link Parallelism#run}), so an unequal last one or a busy core balances out.
 */
public final class Conv2d {

    /** Size of one expanded slice: with the packed GEMM block it stays in a 1 MB L2. */
    static final int SLICE_FLOATS = 1 << 17;
    /** Narrowest slice worth a GEMM call: whole micro-kernel tiles. */
    private static final int MIN_SLICE_COLUMNS = 64;

    private static final ThreadScratch PHASES = new ThreadScratch();
    private static final ThreadScratch COLUMNS = new ThreadScratch();

    private Conv2d() {
    }

    /** {@code output = activation(conv(input, weights) + bias)}. */
    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        forward(g, input, inputOffset, weights, weightOffset, epilogue, false, output, outputOffset, parallelism);
    }

    /** {@code output = activation((accumulate ? output : 0) + conv(input, weights) + bias)}. */
    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, boolean accumulate, float[] output, int outputOffset,
                               Parallelism parallelism) {
        checkLength("input", input, inputOffset, g.inputSize());
        checkLength("weights", weights, weightOffset, g.weightSize());
        checkLength("output", output, outputOffset, g.outputSize());
        Call call = new Call(g, input, inputOffset, weights, weightOffset, epilogue, accumulate, output, outputOffset);
        int imageGroups = g.batch() * g.groups();
        int threads = parallelism.threads();
        if (sharesEvenly(imageGroups, threads)) {
            parallelism.run(imageGroups, i -> forwardImageGroup(call, i, Parallelism.SINGLE_THREAD));
        } else {
            for (int i = 0; i < imageGroups; i++) {
                forwardImageGroup(call, i, parallelism);
            }
        }
    }

    /** The arguments of one {@code forward} call. */
    private record Call(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                        Epilogue epilogue, boolean accumulate, float[] output, int outputOffset) {
    }

    /** Whether {@code items} independent items keep {@code threads} threads equally busy. */
    private static boolean sharesEvenly(int items, int threads) {
        return threads > 1 && (items % threads == 0 || items >= 4 * threads);
    }

    /** @param imageGroup {@code image * groups + group} */
    private static void forwardImageGroup(Call call, int imageGroup, Parallelism parallelism) {
        ConvGeometry g = call.g();
        int image = imageGroup / g.groups();
        int group = imageGroup % g.groups();
        int groupInput = call.inputOffset()
                + (image * g.inChannels() + group * g.inChannelsPerGroup()) * g.inPlaneSize();
        int outPlane = g.outPlaneSize();
        int sliceWidth = g.isPointwise() ? outPlane
                : Math.min(outPlane, Math.max(MIN_SLICE_COLUMNS, SLICE_FLOATS / g.filterSize() / Sgemm.NR * Sgemm.NR));
        int slices = (outPlane + sliceWidth - 1) / sliceWidth;
        Slicer slicer;
        if (!g.isPointwise() && g.strideWidth() > 1) {
            float[] phases = PHASES.floats(Im2col.phaseSplitSize(g));
            int channels = g.inChannelsPerGroup();
            int parts = Math.min(parallelism.threads(), channels);
            parallelism.run(parts, part -> Im2col.splitColumnPhases(g, call.input(), groupInput,
                    channels * part / parts, channels * (part + 1) / parts, phases));
            slicer = new Slicer(call, image, group, sliceWidth, phases, 0);
        } else {
            slicer = new Slicer(call, image, group, sliceWidth, call.input(), groupInput);
        }
        int threads = parallelism.threads();
        if (sharesEvenly(slices, threads)) {
            parallelism.run(slices, slice -> slicer.forward(slice, Parallelism.SINGLE_THREAD));
        } else {
            for (int slice = 0; slice < slices; slice++) {
                slicer.forward(slice, parallelism);
            }
        }
    }

    /**
     * Computes slices of output pixels (every output channel of one group of one image).
     *
     * @param source what im2col (or a pointwise GEMM) reads: the group's input, or its column phases if strided
     */
    private record Slicer(Call call, int image, int group, int sliceWidth, float[] source, int sourceOffset) {

        void forward(int slice, Parallelism parallelism) {
            ConvGeometry g = call.g();
            int outChannels = g.outChannelsPerGroup();
            int filterSize = g.filterSize();
            int outPlane = g.outPlaneSize();
            int firstColumn = slice * sliceWidth;
            int width = Math.min(sliceWidth, outPlane - firstColumn);
            float[] b;
            int bOffset;
            int ldb;
            if (g.isPointwise()) {
                b = source;
                bOffset = sourceOffset + firstColumn;
                ldb = g.inPlaneSize();
            } else {
                float[] columns = COLUMNS.floats(filterSize * width);
                int parts = Math.min(parallelism.threads(), filterSize);
                parallelism.run(parts, part -> Im2col.expand(g, source, sourceOffset,
                        filterSize * part / parts, filterSize * (part + 1) / parts,
                        firstColumn, firstColumn + width, columns));
                b = columns;
                bOffset = 0;
                ldb = width;
            }
            int groupOutput = call.outputOffset() + (image * g.outChannels() + group * outChannels) * outPlane;
            Sgemm.multiply(outChannels, width, filterSize,
                    call.weights(), call.weightOffset() + group * outChannels * filterSize, filterSize,
                    b, bOffset, ldb,
                    call.output(), groupOutput + firstColumn, outPlane,
                    call.accumulate(), call.epilogue().fromRow(group * outChannels), parallelism);
        }
    }

    static void checkLength(String name, float[] data, int offset, int size) {
        if (offset < 0 || offset + (long) size > data.length) {
            throw new IllegalArgumentException(name + " needs " + size + " floats from offset " + offset
                    + " but has " + data.length);
        }
    }
}
