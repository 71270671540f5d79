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
 * <p>Threading: the work is a list of (image, group, slice) products. When there are enough to share evenly,
 * threads take whole products; otherwise products run one after another, each split inside across threads.
 */
public final class Conv2d {

    /** Size of one expanded slice: with the packed GEMM block it stays in a 1 MB L2. */
    static final int SLICE_FLOATS = 1 << 17;
    /** Narrowest slice worth a GEMM call: whole micro-kernel tiles. */
    private static final int MIN_SLICE_COLUMNS = 64;

    private static final ThreadLocal<float[]> COLUMNS = ThreadLocal.withInitial(() -> new float[0]);

    private Conv2d() {
    }

    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        checkLength("input", input, inputOffset, g.inputSize());
        checkLength("weights", weights, weightOffset, g.weightSize());
        checkLength("output", output, outputOffset, g.outputSize());
        int outPlane = g.outPlaneSize();
        int sliceWidth = g.isPointwise() ? outPlane
                : Math.min(outPlane, Math.max(MIN_SLICE_COLUMNS, SLICE_FLOATS / g.filterSize() / Sgemm.NR * Sgemm.NR));
        int slices = (outPlane + sliceWidth - 1) / sliceWidth;
        int products = g.batch() * g.groups() * slices;
        int threads = parallelism.threads();
        if (threads > 1 && (products % threads == 0 || products >= 4 * threads)) {
            parallelism.run(threads, part -> {
                for (int p = products * part / threads; p < products * (part + 1) / threads; p++) {
                    forwardSlice(g, p / slices, sliceWidth * (p % slices), sliceWidth, input, inputOffset,
                            weights, weightOffset, epilogue, output, outputOffset, Parallelism.SINGLE_THREAD);
                }
            });
        } else {
            for (int p = 0; p < products; p++) {
                forwardSlice(g, p / slices, sliceWidth * (p % slices), sliceWidth, input, inputOffset,
                        weights, weightOffset, epilogue, output, outputOffset, parallelism);
            }
        }
    }

    /**
     * Output pixels {@code [firstColumn, firstColumn + sliceWidth)} (clipped to the plane) of every output channel
     * of one group of one image.
     *
     * @param imageGroup {@code image * groups + group}
     */
    private static void forwardSlice(ConvGeometry g, int imageGroup, int firstColumn, int sliceWidth,
                                     float[] input, int inputOffset, float[] weights, int weightOffset,
                                     Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        int image = imageGroup / g.groups();
        int group = imageGroup % g.groups();
        int outChannels = g.outChannelsPerGroup();
        int filterSize = g.filterSize();
        int outPlane = g.outPlaneSize();
        int width = Math.min(sliceWidth, outPlane - firstColumn);
        int groupInput = inputOffset + (image * g.inChannels() + group * g.inChannelsPerGroup()) * g.inPlaneSize();
        int groupOutput = outputOffset + (image * g.outChannels() + group * outChannels) * outPlane;
        int groupWeights = weightOffset + group * outChannels * filterSize;
        float[] b;
        int bOffset;
        int ldb;
        if (g.isPointwise()) {
            b = input;
            bOffset = groupInput + firstColumn;
            ldb = g.inPlaneSize();
        } else {
            float[] columns = columnsBuffer(filterSize * width);
            int parts = Math.min(parallelism.threads(), filterSize);
            parallelism.run(parts, part -> Im2col.expand(g, input, groupInput,
                    filterSize * part / parts, filterSize * (part + 1) / parts,
                    firstColumn, firstColumn + width, columns));
            b = columns;
            bOffset = 0;
            ldb = width;
        }
        Sgemm.multiply(outChannels, width, filterSize,
                weights, groupWeights, filterSize,
                b, bOffset, ldb,
                output, groupOutput + firstColumn, outPlane,
                false, epilogue.fromRow(group * outChannels), parallelism);
    }
    private static float[] columnsBuffer(int size) {
        float[] columns = COLUMNS.get();
        if (columns.length < size) {
            columns = new float[size];
            COLUMNS.set(columns);
        }
        return columns;
    }

    static void checkLength(String name, float[] data, int offset, int size) {
        if (offset < 0 || offset + (long) size > data.length) {
            throw new IllegalArgumentException(name + " needs " + size + " floats from offset " + offset
                    + " but has " + data.length);
        }
    }
}
