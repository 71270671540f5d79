package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Any 2-D convolution (kernel size, stride, padding, dilation, groups) as matrix products per image and group:
 * {@code output[outChannelsPerGroup][outPlane] = weights[outChannelsPerGroup][filterSize] · columns}, where the
 * columns are the input planes themselves for a pointwise (1×1, stride 1, no padding) convolution, runs of a
 * zero-padded copy of the input for other stride-1 convolutions ({@link PaddedGemm}), and the {@link Im2col}
 * expansion for strided ones. The {@link Epilogue} (bias per output channel, activation) is fused into
 * the GEMM's tile stores, and so is an optional residual: with {@code accumulate} the convolution is added to
 * what the output already holds (a ResNet shortcut) before bias and activation. For depthwise convolutions
 * {@link DepthwiseConv2d} is much faster.
 *
 * <p>Why it is fast: besides the {@link Sgemm} itself, stride-1 convolutions build no column matrix at all
 * (see {@link PaddedGemm}), and for strided ones the im2col matrix is never built whole. It is expanded
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

    /** Size of one expanded slice (or of one slice's sums, for a padded GEMM): it stays in a 1 MB L2. */
    static final int SLICE_FLOATS = 1 << 17;
    /** Narrowest slice worth a GEMM call: whole micro-kernel tiles. */
    private static final int MIN_SLICE_COLUMNS = 64;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    private static final ThreadScratch PHASES = new ThreadScratch();
    private static final ThreadScratch PADDED = new ThreadScratch();
    private static final ThreadScratch SUMS = new ThreadScratch();
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
        if (!g.isPointwise() && g.strideHeight() == 1 && g.strideWidth() == 1) {
            new PaddedGemm(call, image, group).forward(groupInput, parallelism);
            return;
        }
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

    /**
     * A stride-1 convolution of one group of one image as GEMMs that read the filter taps straight from a
     * zero-padded copy of the input, with no im2col expansion. In a padded plane of width {@code Wp}, output
     * pixel {@code (y, x)} reads tap {@code (ky, kx)} at {@code (y + ky·dh)·Wp + x + kx·dw}: over the "padded
     * pixels" {@code y·Wp + x}, each filter tap's row of the column matrix is one contiguous run of the padded
     * plane, so {@link Sgemm#multiplyRows} packs it directly. The {@code Wp − outWidth} padded pixels per row
     * that are not outputs cost a few per cent of extra columns (more on 7×7 maps, where im2col would copy
     * each input value nine times for every one it saves), and are dropped when the sums are written out with
     * the bias, the residual and the activation.
     *
     * <p>Why it is faster than im2col: im2col writes the column matrix ({@code kh·kw} times the input) in runs
     * of one output row, a bulk copy and two fills per run, which on 56×56 maps cost about a third of the
     * multiply; here the input is copied once, and the packing the GEMM does anyway is the only other copy.
     */
    private static final class PaddedGemm {
        private final Call call;
        private final ConvGeometry g;
        private final int image;
        private final int group;
        private final int paddedWidth;
        private final int paddedHeight;

        PaddedGemm(Call call, int image, int group) {
            this.call = call;
            this.g = call.g();
            this.image = image;
            this.group = group;
            paddedWidth = g.outWidth() + (g.kernelWidth() - 1) * g.dilationWidth();
            paddedHeight = g.outHeight() + (g.kernelHeight() - 1) * g.dilationHeight();
        }

        void forward(int groupInput, Parallelism parallelism) {
            int channels = g.inChannelsPerGroup();
            int plane = paddedHeight * paddedWidth;
            // The last padded pixels of a plane read up to (kw - 1)·dw floats past it.
            float[] padded = PADDED.floats(channels * plane + (g.kernelWidth() - 1) * g.dilationWidth());
            int parts = Math.min(parallelism.threads(), channels);
            parallelism.run(parts, part -> pad(call.input(), groupInput, channels * part / parts,
                    channels * (part + 1) / parts, padded));
            int[] tapOffsets = new int[g.filterSize()];
            int kernelArea = g.kernelHeight() * g.kernelWidth();
            for (int row = 0; row < tapOffsets.length; row++) {
                int ky = row % kernelArea / g.kernelWidth();
                int kx = row % g.kernelWidth();
                tapOffsets[row] = row / kernelArea * plane + ky * g.dilationHeight() * paddedWidth
                        + kx * g.dilationWidth();
            }
            int outChannels = g.outChannelsPerGroup();
            int rowsPerSlice = Math.max(1, Math.min(g.outHeight(), SLICE_FLOATS / (outChannels * paddedWidth)));
            int slices = (g.outHeight() + rowsPerSlice - 1) / rowsPerSlice;
            if (sharesEvenly(slices, parallelism.threads())) {
                parallelism.run(slices, slice -> forwardRows(slice * rowsPerSlice, rowsPerSlice, padded, tapOffsets,
                        Parallelism.SINGLE_THREAD));
            } else {
                for (int slice = 0; slice < slices; slice++) {
                    forwardRows(slice * rowsPerSlice, rowsPerSlice, padded, tapOffsets, parallelism);
                }
            }
        }

        /** Copies channels [first, end) of the group's input into zero-padded planes, every element written. */
        private void pad(float[] input, int groupInput, int first, int end, float[] padded) {
            int plane = paddedHeight * paddedWidth;
            int inWidth = g.inWidth();
            // Input columns [x0, x1) land at padded columns [x0 + padLeft, x1 + padLeft) (clipped to the plane).
            int x0 = Math.max(0, -g.padLeft());
            int x1 = Math.min(inWidth, paddedWidth - g.padLeft());
            for (int c = first; c < end; c++) {
                for (int y = 0; y < paddedHeight; y++) {
                    int row = c * plane + y * paddedWidth;
                    int iy = y - g.padTop();
                    if (iy < 0 || iy >= g.inHeight() || x0 >= x1) {
                        Arrays.fill(padded, row, row + paddedWidth, 0f);
                        continue;
                    }
                    Arrays.fill(padded, row, row + x0 + g.padLeft(), 0f);
                    System.arraycopy(input, groupInput + (c * g.inHeight() + iy) * inWidth + x0, padded,
                            row + x0 + g.padLeft(), x1 - x0);
                    Arrays.fill(padded, row + x1 + g.padLeft(), row + paddedWidth, 0f);
                }
            }
        }

        /** Output rows [firstRow, firstRow + rows) of every output channel of the group. */
        private void forwardRows(int firstRow, int rows, float[] padded, int[] tapOffsets, Parallelism parallelism) {
            int endRow = Math.min(g.outHeight(), firstRow + rows);
            int outChannels = g.outChannelsPerGroup();
            int width = (endRow - firstRow - 1) * paddedWidth + g.outWidth();
            float[] sums = SUMS.floats(outChannels * width);
            Sgemm.multiplyRows(outChannels, width, g.filterSize(),
                    call.weights(), call.weightOffset() + group * outChannels * g.filterSize(), g.filterSize(),
                    padded, firstRow * paddedWidth, tapOffsets, sums, 0, width, false, Epilogue.NONE, parallelism);
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
            int vectorEnd = SPECIES.loopBound(outWidth);
            Epilogue epilogue = call.epilogue().fromRow(group * g.outChannelsPerGroup());
            FusedActivation activation = epilogue.activation();
            boolean accumulate = call.accumulate();
            float[] output = call.output();
            for (int m = first; m < end; m++) {
                float bias = epilogue.bias(m);
                int outPlane = call.outputOffset()
                        + (image * g.outChannels() + group * g.outChannelsPerGroup() + m) * g.outPlaneSize();
                for (int y = firstRow; y < endRow; y++) {
                    int src = m * width + (y - firstRow) * paddedWidth;
                    int dst = outPlane + y * outWidth;
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
