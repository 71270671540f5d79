package io.archexplorer.engine.runtime.kernels;

/**
 * Any 2-D convolution (kernel size, stride, padding, dilation, groups) as matrix products per image and group:
 * {@code output[outChannelsPerGroup][outPlane] = weights[outChannelsPerGroup][filterSize] · columns}, where the
 * columns are the input planes themselves for a pointwise (1×1, stride 1, no padding) convolution and the
 * {@link Im2col} expansion otherwise. The {@link Epilogue} (bias per output channel, activation) is fused into
 * the GEMM's tile stores. For depthwise convolutions {@link DepthwiseConv2d} is much faster.
 *
 * <p>Why it is fast: besides the {@link Sgemm} itself, the im2col matrix is never built whole. It is expanded
 * one slice of output pixels at a time, sized to stay in L2 ({@value #SLICE_FLOATS} floats), and each slice is
 * multiplied while it is hot; a whole 3×3 or 7×7 expansion would be several MB written to and read back from
 * memory, which costs about as much as the multiply itself when there are only 64 output channels.
 *
 * <p>Threading: with enough (image, group) products to share evenly, threads take whole products; otherwise
 * the products run one after another, and within each, threads take whole slices if there are enough, or else
 * every slice is split inside (im2col rows, GEMM tiles) across all threads.
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

    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        checkLength("input", input, inputOffset, g.inputSize());
        checkLength("weights", weights, weightOffset, g.weightSize());
        checkLength("output", output, outputOffset, g.outputSize());
        int imageGroups = g.batch() * g.groups();
        int threads = parallelism.threads();
        if (sharesEvenly(imageGroups, threads)) {
            parallelism.run(threads, part -> {
                for (int i = imageGroups * part / threads; i < imageGroups * (part + 1) / threads; i++) {
                    forwardImageGroup(g, i, input, inputOffset, weights, weightOffset, epilogue, output,
                            outputOffset, Parallelism.SINGLE_THREAD);
                }
            });
        } else {
            for (int i = 0; i < imageGroups; i++) {
                forwardImageGroup(g, i, input, inputOffset, weights, weightOffset, epilogue, output, outputOffset,
                        parallelism);
            }
        }
    }

    /** Whether {@code items} independent items keep {@code threads} threads equally busy. */
    private static boolean sharesEvenly(int items, int threads) {
        return threads > 1 && (items % threads == 0 || items >= 4 * threads);
    }

    /** @param imageGroup {@code image * groups + group} */
    private static void forwardImageGroup(ConvGeometry g, int imageGroup, float[] input, int inputOffset,
                                          float[] weights, int weightOffset, Epilogue epilogue,
                                          float[] output, int outputOffset, Parallelism parallelism) {
        int image = imageGroup / g.groups();
        int group = imageGroup % g.groups();
        int groupInput = inputOffset + (image * g.inChannels() + group * g.inChannelsPerGroup()) * g.inPlaneSize();
        int outPlane = g.outPlaneSize();
        int sliceWidth = g.isPointwise() ? outPlane
                : Math.min(outPlane, Math.max(MIN_SLICE_COLUMNS, SLICE_FLOATS / g.filterSize() / Sgemm.NR * Sgemm.NR));
        int slices = (outPlane + sliceWidth - 1) / sliceWidth;
        int groupOutput = outputOffset + (image * g.outChannels() + group * g.outChannelsPerGroup()) * outPlane;
        Slicer slicer;
        if (!g.isPointwise() && g.strideWidth() > 1) {
            float[] phases = PHASES.floats(Im2col.phaseSplitSize(g));
            int channels = g.inChannelsPerGroup();
            int parts = Math.min(parallelism.threads(), channels);
            parallelism.run(parts, part -> Im2col.splitColumnPhases(g, input, groupInput,
                    channels * part / parts, channels * (part + 1) / parts, phases));
            slicer = new Slicer(g, group, sliceWidth, phases, 0, weights, weightOffset, epilogue, output, groupOutput);
        } else {
            slicer = new Slicer(g, group, sliceWidth, input, groupInput, weights, weightOffset, epilogue, output,
                    groupOutput);
        }
        int threads = parallelism.threads();
        if (sharesEvenly(slices, threads)) {
            parallelism.run(threads, part -> {
                for (int slice = slices * part / threads; slice < slices * (part + 1) / threads; slice++) {
                    slicer.forward(slice, Parallelism.SINGLE_THREAD);
                }
            });
        } else {
            for (int slice = 0; slice < slices; slice++) {
                slicer.forward(slice, parallelism);
            }
        }
    }

    /** Computes slices of output pixels (every output channel of one group of one image). */
    private static final class Slicer {
        private final ConvGeometry g;
        private final int group;
        private final int sliceWidth;
        /** What im2col (or a pointwise GEMM) reads: the group's input, or its column phases if strided. */
        private final float[] source;
        private final int sourceOffset;
        private final float[] weights;
        private final int weightOffset;
        private final Epilogue epilogue;
        private final float[] output;
        private final int groupOutput;

        Slicer(ConvGeometry g, int group, int sliceWidth, float[] source, int sourceOffset, float[] weights,
               int weightOffset, Epilogue epilogue, float[] output, int groupOutput) {
            this.g = g;
            this.group = group;
            this.sliceWidth = sliceWidth;
            this.source = source;
            this.sourceOffset = sourceOffset;
            this.weights = weights;
            this.weightOffset = weightOffset;
            this.epilogue = epilogue;
            this.output = output;
            this.groupOutput = groupOutput;
        }

        void forward(int slice, Parallelism parallelism) {
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
            Sgemm.multiply(outChannels, width, filterSize,
                    weights, weightOffset + group * outChannels * filterSize, filterSize,
                    b, bOffset, ldb,
                    output, groupOutput + firstColumn, outPlane,
                    false, epilogue.fromRow(group * outChannels), parallelism);
        }
    }

    static void checkLength(String name, float[] data, int offset, int size) {
        if (offset < 0 || offset + (long) size > data.length) {
            throw new IllegalArgumentException(name + " needs " + size + " floats from offset " + offset
                    + " but has " + data.length);
        }
    }
}
