package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Any 2-D convolution (kernel size, stride, padding, dilation, groups) as matrix products per image and group:
 * {@code output[outChannelsPerGroup][outPlane] = weights[outChannelsPerGroup][filterSize] · columns}, where the
 * columns are the input planes themselves for a pointwise (1×1, stride 1, no padding) convolution, and runs of a
 * zero-padded copy of the input otherwise ({@link PaddedGemm}). The {@link Epilogue} (bias per output channel,
 * activation) is fused into the GEMM's tile stores or the write-out of the sums, and so is an optional residual:
 * with {@code accumulate} the convolution is added to what the output already holds (a ResNet shortcut) before
 * bias and activation. For depthwise convolutions {@link DepthwiseConv2d} is much faster.
 *
 * <p>Why it is fast: besides the {@link Sgemm} itself, no column matrix (im2col) is ever built; the GEMM packs
 * each filter tap's row straight from the padded input, one slice of output rows at a time, sized so that the
 * slice's sums stay in L2 ({@value #SLICE_FLOATS} floats).
 *
 * <p>Threading: with enough (image, group) products to share evenly, threads take whole products; otherwise
 * the products run one after another, and within each, threads take whole slices if there are enough, or else
 * every slice is split inside (padding, GEMM tiles, write-out) across all threads. Whole products and slices are
 * handed out one at a time ({@link Parallelism#run}), so an unequal last one or a busy core balances out.
 */
public final class Conv2d {

    /** Size of one slice's sums: they stay in a 1 MB L2 until written out. */
    static final int SLICE_FLOATS = 1 << 17;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    private static final ThreadScratch PADDED = new ThreadScratch();
    private static final ThreadScratch SUMS = new ThreadScratch();

    private Conv2d() {
    }

    /**
     * Floats of scratch each thread keeps after a call with this geometry, besides the GEMM's own
     * ({@link Sgemm#scratchFloats}): the padded input and one slice's sums.
     */
    public static long scratchFloats(ConvGeometry g) {
        if (g.isPointwise()) {
            return 0;
        }
        PaddedGemm layout = new PaddedGemm(new Call(g, null, 0, null, Epilogue.NONE, false, null, 0), 0, 0);
        return (long) layout.paddedFloats() + layout.sumsFloats();
    }

    /** {@code output = activation(conv(input, weights) + bias)}. */
    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        forward(g, input, inputOffset, weights, weightOffset, epilogue, false, output, outputOffset, parallelism);
    }

    /**
     * {@code output = activation((accumulate ? output : 0) + conv(input, weights) + bias)}, packing the weights
     * for this call; a layer run again and again packs them once ({@link #packWeights}).
     */
    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, boolean accumulate, float[] output, int outputOffset,
                               Parallelism parallelism) {
        forward(g, input, inputOffset, packWeights(g, weights, weightOffset), epilogue, accumulate, output,
                outputOffset, parallelism);
    }

    /** The weights of each group, {@code [outChannelsPerGroup][filterSize]}, packed as the GEMM's A. */
    public static Sgemm.PackedA[] packWeights(ConvGeometry g, float[] weights, int weightOffset) {
        checkLength("weights", weights, weightOffset, g.weightSize());
        Sgemm.PackedA[] groups = new Sgemm.PackedA[g.groups()];
        int perGroup = g.outChannelsPerGroup() * g.filterSize();
        for (int group = 0; group < groups.length; group++) {
            groups[group] = Sgemm.pack(g.outChannelsPerGroup(), g.filterSize(), weights,
                    weightOffset + group * perGroup, g.filterSize());
        }
        return groups;
    }

    /** {@code output = activation((accumulate ? output : 0) + conv(input, weights) + bias)}. */
    public static void forward(ConvGeometry g, float[] input, int inputOffset, Sgemm.PackedA[] weights,
                               Epilogue epilogue, boolean accumulate, float[] output, int outputOffset,
                               Parallelism parallelism) {
        checkLength("input", input, inputOffset, g.inputSize());
        checkLength("output", output, outputOffset, g.outputSize());
        if (weights.length != g.groups() || weights[0].rows() != g.outChannelsPerGroup()) {
            throw new IllegalArgumentException("weights packed for another geometry than " + g);
        }
        Call call = new Call(g, input, inputOffset, weights, epilogue, accumulate, output, outputOffset);
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
    private record Call(ConvGeometry g, float[] input, int inputOffset, Sgemm.PackedA[] weights,
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
        if (!g.isPointwise()) {
            new PaddedGemm(call, image, group).forward(groupInput, parallelism);
            return;
        }
        int outChannels = g.outChannelsPerGroup();
        int groupOutput = call.outputOffset() + (image * g.outChannels() + group * outChannels) * g.outPlaneSize();
        Sgemm.multiply(call.weights()[group], g.outPlaneSize(), call.input(), groupInput, g.inPlaneSize(),
                call.output(), groupOutput, g.outPlaneSize(), call.accumulate(),
                call.epilogue().fromRow(group * outChannels), parallelism);
    }

    /**
     * A convolution of one group of one image as GEMMs that read the filter taps straight from a zero-padded copy
     * of the input, with no im2col expansion. At stride 1, in a padded plane of width {@code Wp}, output pixel
     * {@code (y, x)} reads tap {@code (ky, kx)} at {@code (y + ky·dh)·Wp + x + kx·dw}: over the "padded pixels"
     * {@code y·Wp + x}, each filter tap's row of the column matrix is one contiguous run of the padded plane, so
     * {@link Sgemm#multiplyRows} packs it directly. With strides the padded plane is stored as {@code sh·sw}
     * phases (phase {@code (qy, qx)} holds padded rows {@code qy, qy+sh, ...} and columns {@code qx, qx+sw, ...},
     * split by {@link ColumnPhases}), and tap {@code (ky, kx)} reads phase {@code (ky·dh mod sh, kx·dw mod sw)}
     * from row {@code y + ky·dh / sh}, column {@code x + kx·dw / sw}: a strided convolution becomes a stride-1
     * one over the phases. The {@code Wq − outWidth} padded pixels per row that are not outputs (2 for a 3×3
     * stride-1 layer, 1 for stride 2) cost a few per cent of extra columns, and are dropped when the sums are
     * written out with the bias, the residual and the activation.
     *
     * <p>Why it is faster than im2col: im2col writes the column matrix ({@code kh·kw} times the input) in runs of
     * one output row, a bulk copy and two fills per run, which on 56×56 maps cost about a third of the multiply,
     * and more in a whole net as its writes push the rest out of the caches; here the input is copied once, and
     * the packing the GEMM does anyway is the only other copy.
     */
    private static final class PaddedGemm {
        private final Call call;
        private final ConvGeometry g;
        private final int image;
        private final int group;
        /** Padded input rows and columns that some output reads. */
        private final int paddedHeight;
        private final int paddedWidth;
        /** Rows and columns of each phase, and its size. */
        private final int phaseHeight;
        private final int phaseWidth;
        private final int phaseSize;
        /** Whether some tap reads phase row qy (rows of unread phases, e.g. of a 1×1 stride-2 layer, are skipped). */
        private final boolean[] rowPhaseRead;

        PaddedGemm(Call call, int image, int group) {
            this.call = call;
            this.g = call.g();
            this.image = image;
            this.group = group;
            int sh = g.strideHeight();
            int sw = g.strideWidth();
            paddedHeight = (g.outHeight() - 1) * sh + (g.kernelHeight() - 1) * g.dilationHeight() + 1;
            paddedWidth = (g.outWidth() - 1) * sw + (g.kernelWidth() - 1) * g.dilationWidth() + 1;
            phaseHeight = (paddedHeight + sh - 1) / sh;
            phaseWidth = (paddedWidth + sw - 1) / sw;
            phaseSize = phaseHeight * phaseWidth;
            rowPhaseRead = new boolean[sh];
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                rowPhaseRead[ky * g.dilationHeight() % sh] = true;
            }
        }

        void forward(int groupInput, Parallelism parallelism) {
            int channels = g.inChannelsPerGroup();
            float[] padded = PADDED.floats(paddedFloats());
            int parts = Math.min(parallelism.threads(), channels);
            parallelism.run(parts, part -> pad(call.input(), groupInput, channels * part / parts,
                    channels * (part + 1) / parts, padded));
            int[] tapOffsets = new int[g.filterSize()];
            int kernelArea = g.kernelHeight() * g.kernelWidth();
            for (int row = 0; row < tapOffsets.length; row++) {
                int y = row % kernelArea / g.kernelWidth() * g.dilationHeight();
                int x = row % g.kernelWidth() * g.dilationWidth();
                int phase = (row / kernelArea * g.strideHeight() + y % g.strideHeight()) * g.strideWidth()
                        + x % g.strideWidth();
                tapOffsets[row] = phase * phaseSize + y / g.strideHeight() * phaseWidth + x / g.strideWidth();
            }
            // Slices of equal height (at most maxSliceRows), as many as threads or a multiple when there are
            // several: one slice of 35 rows and one of 20 would leave a thread idle a third of the time.
            int outHeight = g.outHeight();
            int slices = (outHeight + maxSliceRows() - 1) / maxSliceRows();
            int threads = parallelism.threads();
            if (slices > 1 && threads > 1) {
                slices = Math.min(outHeight, (slices + threads - 1) / threads * threads);
            }
            int rowsPerSlice = (outHeight + slices - 1) / slices;
            slices = (outHeight + rowsPerSlice - 1) / rowsPerSlice;
            if (sharesEvenly(slices, parallelism.threads())) {
                parallelism.run(slices, slice -> forwardRows(slice * rowsPerSlice, rowsPerSlice, padded, tapOffsets,
                        Parallelism.SINGLE_THREAD));
            } else {
                for (int slice = 0; slice < slices; slice++) {
                    forwardRows(slice * rowsPerSlice, rowsPerSlice, padded, tapOffsets, parallelism);
                }
            }
        }

        /** Floats of the padded input: every phase of every channel of the group. */
        int paddedFloats() {
            // The last padded pixels of a phase read up to phaseWidth floats past it.
            return g.inChannelsPerGroup() * g.strideHeight() * g.strideWidth() * phaseSize + phaseWidth;
        }

        /** Most output rows per GEMM: enough for the sums of all output channels to fill but not overflow a slice. */
        int maxSliceRows() {
            return Math.max(1, Math.min(g.outHeight(), SLICE_FLOATS / (g.outChannelsPerGroup() * phaseWidth)));
        }

        /** Floats of one slice's sums: per output channel, its rows over padded pixels. */
        int sumsFloats() {
            return g.outChannelsPerGroup() * sliceWidth(0, maxSliceRows());
        }

        /** Padded pixels from the first output of row firstRow to the last output of row endRow - 1. */
        private int sliceWidth(int firstRow, int endRow) {
            return (endRow - firstRow - 1) * phaseWidth + g.outWidth();
        }

        /**
         * Copies channels [first, end) of the group's input into their zero-padded phases; every element of a
         * read phase row is written (zeros first, then the input row split into its column phases).
         */
        private void pad(float[] input, int groupInput, int first, int end, float[] padded) {
            int sh = g.strideHeight();
            int sw = g.strideWidth();
            int inWidth = g.inWidth();
            // Input columns [x0, x1) land at padded columns [x0 + padLeft, x1 + padLeft) (clipped to the plane).
            int x0 = Math.max(0, -g.padLeft());
            int x1 = Math.min(inWidth, paddedWidth - g.padLeft());
            for (int c = first; c < end; c++) {
                for (int y = 0; y < paddedHeight; y++) {
                    int qy = y % sh;
                    if (!rowPhaseRead[qy]) {
                        continue;
                    }
                    int row = (c * sh + qy) * sw * phaseSize + y / sh * phaseWidth;
                    for (int qx = 0; qx < sw; qx++) {
                        Arrays.fill(padded, row + qx * phaseSize, row + qx * phaseSize + phaseWidth, 0f);
                    }
                    int iy = y - g.padTop();
                    if (iy >= 0 && iy < g.inHeight() && x0 < x1) {
                        ColumnPhases.split(input, groupInput + (c * g.inHeight() + iy) * inWidth + x0, x1 - x0, sw,
                                x0 + g.padLeft(), padded, row, phaseSize);
                    }
                }
            }
        }

        /** Output rows [firstRow, firstRow + rows) of every output channel of the group. */
        private void forwardRows(int firstRow, int rows, float[] padded, int[] tapOffsets, Parallelism parallelism) {
            int endRow = Math.min(g.outHeight(), firstRow + rows);
            int outChannels = g.outChannelsPerGroup();
            int width = sliceWidth(firstRow, endRow);
            float[] sums = SUMS.floats(outChannels * width);
            Sgemm.multiplyRows(call.weights()[group], width, padded, firstRow * phaseWidth, tapOffsets,
                    sums, 0, width, false, Epilogue.NONE, parallelism);
            int parts = Math.min(parallelism.threads(), outChannels);
            parallelism.run(parts, part -> writeOut(sums, width, firstRow, endRow,
                    outChannels * part / parts, outChannels * (part + 1) / parts));
        }

        /**
         * {@code output = activation((accumulate ? output : 0) + sum + bias)} for output channels [first, end) of
         * the group, rows [firstRow, endRow), from the sums over padded pixels.
         */
        private void writeOut(float[] sums, int width, int firstRow, int endRow, int first, int end) {
            int outWidth = g.outWidth();
            Epilogue epilogue = call.epilogue().fromRow(group * g.outChannelsPerGroup());
            FusedActivation activation = epilogue.activation();
            boolean accumulate = call.accumulate();
            float[] output = call.output();
            for (int m = first; m < end; m++) {
                float bias = epilogue.bias(m);
                int outPlane = call.outputOffset()
                        + (image * g.outChannels() + group * g.outChannelsPerGroup() + m) * g.outPlaneSize();
                for (int y = firstRow; y < endRow; y++) {
                    int src = m * width + (y - firstRow) * phaseWidth;
                    int dst = outPlane + y * outWidth;
                    // A last partial vector is stored whole when it spills only into later rows of this channel and
                    // slice, which are written after it (not with a residual: the spill would overwrite the
                    // shortcut's values there).
                    int whole = (outWidth + VL - 1) / VL * VL;
                    boolean spills = !accumulate && dst + whole <= outPlane + endRow * outWidth
                            && src + whole <= (m + 1) * width;
                    int vectorEnd = spills ? outWidth : SPECIES.loopBound(outWidth);
                    int x = 0;
                    for (; x < vectorEnd; x += VL) {
                        FloatVector sum = FloatVector.fromArray(SPECIES, sums, src + x).add(bias);
                        if (accumulate) {
                            sum = sum.add(FloatVector.fromArray(SPECIES, output, dst + x));
                        }
                        activation.apply(sum).intoArray(output, dst + x);
                    }
                    for (; x < outWidth; x++) {
                        output[dst + x] = activation.apply(sums[src + x] + bias + (accumulate ? output[dst + x] : 0f));
                    }
                }
            }
        }
    }

    static void checkLength(String name, float[] data, int offset, int size) {
        if (offset < 0 || offset + (long) size > data.length) {
            throw new IllegalArgumentException(name + " needs " + size + " floats from offset " + offset
                    + " but has " + data.length);
        }
    }
}
