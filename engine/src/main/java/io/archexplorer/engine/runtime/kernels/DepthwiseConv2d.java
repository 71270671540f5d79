package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolution ({@code groups == inChannels == outChannels}, one filter per channel), computed directly
 * and vectorized along the output width. Any kernel size, stride, padding and dilation.
 *
 * <p>Why it is fast: a depthwise filter has only {@code kh·kw} taps per output, too few for a GEMM to pay off,
 * so the cost is all in memory access and loop overhead.
 * <ul>
 *   <li>Each channel plane is copied into a scratch plane with a zero border (and zero slack up to whole
 *       vectors) that stays in L1/L2. The border is zeroed once per call, since every plane writes the same
 *       interior, so per plane the copy is a few whole vectors per input row. After that no load needs
 *       a bounds test: 16 neighbouring outputs read 16 neighbouring floats per tap.</li>
 *   <li>Output vectors are accumulated in registers, starting from the bias; the activation is applied before
 *       the vector is stored into a dense, whole-vector-per-row buffer, from which rows are copied out in whole
 *       vectors, a row's last one spilling into the rows below, written after it (so partial vectors at row ends
 *       need no masked stores). 3×3 kernels with vertical stride 1 or 2 (nearly all depthwise layers) walk
 *       down the plane loading each input row once for all the output rows it feeds, weights in registers;
 *       other kernels run a generic loop over precomputed tap offsets, four independent accumulators at a
 *       time.</li>
 *   <li>A horizontal stride is handled by computing the row at stride 1 and keeping every s-th value: a
 *       strided vector load does not exist, and on JDK 17 gathers and two-vector shuffles cost more than the
 *       extra FMAs (for stride 2: twice the FMAs, but only the outputs are deinterleaved, not every input
 *       element; splitting every input row into column phases instead, as the convolutions do, measured slower
 *       here, where each input value feeds only nine FMAs). Vertical strides just skip rows.</li>
 * </ul>
 *
 * <p>Threading: channel planes are independent; runs of them are handed out to threads as they finish.
 */
public final class DepthwiseConv2d {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Less work than this per thread costs more in hand-off than it saves. */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 17;
    /** Runs of planes handed out per thread: enough to even out a busy core, few enough to keep setup cheap. */
    private static final int CHUNKS_PER_THREAD = 4;

    /** Lane i takes lane 2i mod VL: the even lanes of a vector, twice over. */
    private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(SPECIES, i -> 2 * i % VL);
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(SPECIES, -1L << (VL / 2));
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);

    private static final ThreadScratch PADDED_PLANE = new ThreadScratch();
    private static final ThreadScratch DENSE_OUTPUT = new ThreadScratch();

    private DepthwiseConv2d() {
    }

    /** Floats of scratch each thread keeps after a call with this geometry: the padded plane and the dense rows. */
    public static long scratchFloats(ConvGeometry g) {
        PlaneSweep sweep = new PlaneSweep(g);
        return (long) sweep.paddedFloats() + sweep.denseFloats();
    }

    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        if (!g.isDepthwise()) {
            throw new IllegalArgumentException("not a depthwise convolution: " + g);
        }
        Conv2d.checkLength("input", input, inputOffset, g.inputSize());
        Conv2d.checkLength("weights", weights, weightOffset, g.weightSize());
        Conv2d.checkLength("output", output, outputOffset, g.outputSize());
        int planes = g.batch() * g.inChannels();
        boolean parallel = parallelism.threads() > 1 && g.flops() >= 2 * MIN_FLOPS_PER_THREAD;
        int chunks = parallel ? Math.min(planes, CHUNKS_PER_THREAD * parallelism.threads()) : 1;
        parallelism.run(chunks, chunk -> new PlaneSweep(g).run(planes * chunk / chunks,
                planes * (chunk + 1) / chunks, input, inputOffset, weights, weightOffset, epilogue, output,
                outputOffset));
    }

    /** The per-geometry layout of the scratch plane, and the loop over a range of planes using it. */
    private static final class PlaneSweep {
        private final ConvGeometry g;
        private final int outHeight;
        private final int outWidth;
        /** Outputs per row computed at stride 1, of which every strideWidth-th is kept. */
        private final int denseWidth;
        private final int vectorsPerRow;
        private final int paddedRows;
        private final int paddedWidth;
        /** Where each tap reads in the padded plane, relative to its output's first tap. */
        private final int[] tapOffsets;
        /** Whether {@link #slideDownRows3x3} applies. */
        private final boolean slidesDownRows;
        /** Index in the padded plane of the first tap of each dense output vector (saves divisions per vector). */
        private final int[] vectorStarts;
        /** Input columns copied (those some output reads), in whole vectors, and the lanes of the last one. */
        private final int copiedWidth;
        private final int copiedVectors;
        private final VectorMask<Float> lastCopiedLanes;

        PlaneSweep(ConvGeometry g) {
            this.g = g;
            outHeight = g.outHeight();
            outWidth = g.outWidth();
            denseWidth = (outWidth - 1) * g.strideWidth() + 1;
            paddedRows = (outHeight - 1) * g.strideHeight() + (g.kernelHeight() - 1) * g.dilationHeight() + 1;
            vectorsPerRow = (denseWidth + VL - 1) / VL;
            slidesDownRows = g.kernelHeight() == 3 && g.kernelWidth() == 3 && g.strideHeight() <= 2
                    && g.dilationHeight() == 1;
            paddedWidth = vectorsPerRow * VL + (g.kernelWidth() - 1) * g.dilationWidth();
            copiedWidth = Math.max(0, Math.min(g.inWidth(), paddedWidth - g.padLeft()));
            copiedVectors = (copiedWidth + VL - 1) / VL;
            lastCopiedLanes = SPECIES.indexInRange((copiedVectors - 1) * VL, copiedWidth);
            vectorStarts = new int[outHeight * vectorsPerRow];
            for (int oy = 0; oy < outHeight; oy++) {
                for (int v = 0; v < vectorsPerRow; v++) {
                    vectorStarts[oy * vectorsPerRow + v] = oy * g.strideHeight() * paddedWidth + v * VL;
                }
            }
            tapOffsets = new int[g.kernelHeight() * g.kernelWidth()];
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                for (int kx = 0; kx < g.kernelWidth(); kx++) {
                    tapOffsets[ky * g.kernelWidth() + kx] =
                            ky * g.dilationHeight() * paddedWidth + kx * g.dilationWidth();
                }
            }
        }

        /** The padded plane, with a vector of slack for the last row's copy. */
        int paddedFloats() {
            return paddedRows * paddedWidth + VL;
        }

        /** The dense rows, with two vectors of slack for the last row's stride-2 reads. */
        int denseFloats() {
            return (outHeight * vectorsPerRow + 2) * VL;
        }

        void run(int firstPlane, int endPlane, float[] input, int inputOffset, float[] weights, int weightOffset,
                 Epilogue epilogue, float[] output, int outputOffset) {
            float[] padded = PADDED_PLANE.floats(paddedFloats());
            Arrays.fill(padded, 0, paddedFloats(), 0f);
            float[] dense = DENSE_OUTPUT.floats(denseFloats());
            for (int plane = firstPlane; plane < endPlane; plane++) {
                int channel = plane % g.inChannels();
                copyInterior(input, inputOffset + plane * g.inPlaneSize(), padded);
                convolvePlane(padded, weights, weightOffset + channel * tapOffsets.length, epilogue.bias(channel),
                        epilogue.activation(), output, outputOffset + plane * g.outPlaneSize(), dense);
            }
        }

        /**
         * Copies the input rows into the padded plane in whole vectors (a narrow plane's rows are shorter than a
         * call to {@code System.arraycopy} costs). Lanes past the row are zeroed: they land on the right padding,
         * the next row's left padding, or data of the next row, which is copied after.
         */
        private void copyInterior(float[] input, int inputPlane, float[] padded) {
            // Input rows and columns past the last ones any output reads are left out.
            int endRow = Math.min(g.inHeight(), paddedRows - g.padTop());
            for (int iy = 0; iy < endRow; iy++) {
                int src = inputPlane + iy * g.inWidth();
                int dst = (iy + g.padTop()) * paddedWidth + g.padLeft();
                if (copiedVectors == 0 || src + copiedVectors * VL > input.length) {
                    System.arraycopy(input, src, padded, dst, copiedWidth);
                    continue;
                }
                int last = (copiedVectors - 1) * VL;
                for (int x = 0; x < last; x += VL) {
                    FloatVector.fromArray(SPECIES, input, src + x).intoArray(padded, dst + x);
                }
                ZERO.blend(FloatVector.fromArray(SPECIES, input, src + last), lastCopiedLanes)
                        .intoArray(padded, dst + last);
            }
        }

        private void convolvePlane(float[] padded, float[] weights, int filter, float bias, FusedActivation activation,
                                   float[] output, int outputPlane, float[] dense) {
            if (slidesDownRows) {
                slideDownRows3x3(padded, weights, filter, bias, activation, dense);
            } else {
                accumulateTaps(padded, weights, filter, bias, activation, dense);
            }
            copyOut(dense, output, outputPlane);
        }

        /**
         * The 3×3 kernel with vertical dilation 1 and vertical stride 1 or 2 (nearly all depthwise layers). Walks
         * down each column of output vectors one input row at a time: the row's three shifted vectors are loaded
         * once and feed every output row that uses them, with the nine weights held in registers. At stride 1
         * an input row feeds three output rows (finishing one, continuing one, starting one): three loads per
         * nine FMAs. At stride 2 an odd row feeds one output row and an even row two: six loads per nine FMAs.
         * The generic path loads once per FMA. Each stride has its own loop: a single loop branching on the
         * stride, merging vectors from both branches, ran three times slower under C2 on JDK 17.
         */
        private void slideDownRows3x3(float[] padded, float[] weights, int filter, float bias, FusedActivation activation,
                                      float[] dense) {
            int d = g.dilationWidth();
            FloatVector w00 = FloatVector.broadcast(SPECIES, weights[filter]);
            FloatVector w01 = FloatVector.broadcast(SPECIES, weights[filter + 1]);
            FloatVector w02 = FloatVector.broadcast(SPECIES, weights[filter + 2]);
            FloatVector w10 = FloatVector.broadcast(SPECIES, weights[filter + 3]);
            FloatVector w11 = FloatVector.broadcast(SPECIES, weights[filter + 4]);
            FloatVector w12 = FloatVector.broadcast(SPECIES, weights[filter + 5]);
            FloatVector w20 = FloatVector.broadcast(SPECIES, weights[filter + 6]);
            FloatVector w21 = FloatVector.broadcast(SPECIES, weights[filter + 7]);
            FloatVector w22 = FloatVector.broadcast(SPECIES, weights[filter + 8]);
            FloatVector start = FloatVector.broadcast(SPECIES, bias);
            int rowLength = vectorsPerRow * VL;
            if (g.strideHeight() == 1) {
                for (int x = 0; x < rowLength; x += VL) {
                    // Partial sums of the output rows that have seen two filter rows (upper) and one (lower).
                    FloatVector upper = start;
                    FloatVector lower = start;
                    for (int j = 0, at = x; j < paddedRows; j++, at += paddedWidth) {
                        FloatVector left = FloatVector.fromArray(SPECIES, padded, at);
                        FloatVector center = FloatVector.fromArray(SPECIES, padded, at + d);
                        FloatVector right = FloatVector.fromArray(SPECIES, padded, at + 2 * d);
                        if (j >= 2) {
                            FloatVector done = right.fma(w22, center.fma(w21, left.fma(w20, upper)));
                            activation.apply(done).intoArray(dense, (j - 2) * rowLength + x);
                        }
                        upper = right.fma(w12, center.fma(w11, left.fma(w10, lower)));
                        lower = right.fma(w02, center.fma(w01, left.fma(w00, start)));
                    }
                }
                return;
            }
            for (int x = 0; x < rowLength; x += VL) {
                // Output row o reads input rows 2o, 2o+1 and 2o+2; row 2o+2 is also row 0 of output o+1.
                FloatVector top = FloatVector.fromArray(SPECIES, padded, x);
                FloatVector sum = FloatVector.fromArray(SPECIES, padded, x + 2 * d).fma(w02,
                        FloatVector.fromArray(SPECIES, padded, x + d).fma(w01, top.fma(w00, start)));
                for (int o = 0, at = x + paddedWidth; o < outHeight; o++, at += 2 * paddedWidth) {
                    sum = FloatVector.fromArray(SPECIES, padded, at + 2 * d).fma(w12,
                            FloatVector.fromArray(SPECIES, padded, at + d).fma(w11,
                                    FloatVector.fromArray(SPECIES, padded, at).fma(w10, sum)));
                    int below = at + paddedWidth;
                    FloatVector left = FloatVector.fromArray(SPECIES, padded, below);
                    FloatVector center = FloatVector.fromArray(SPECIES, padded, below + d);
                    FloatVector right = FloatVector.fromArray(SPECIES, padded, below + 2 * d);
                    FloatVector done = right.fma(w22, center.fma(w21, left.fma(w20, sum)));
                    activation.apply(done).intoArray(dense, o * rowLength + x);
                    sum = right.fma(w02, center.fma(w01, left.fma(w00, start)));
                }
            }
        }

        /**
         * Any kernel: output vectors four at a time, each accumulated over all taps. Four independent
         * accumulators matter: one would chain every tap's FMA on the previous one and run at the FMA latency,
         * a quarter of its throughput. The four vectors may lie on different output rows, so narrow planes (7×7)
         * fill them too; a last incomplete group recomputes the plane's last vector.
         */
        private void accumulateTaps(float[] padded, float[] weights, int filter, float bias, FusedActivation activation,
                                    float[] dense) {
            int taps = tapOffsets.length;
            int vectors = outHeight * vectorsPerRow;
            for (int first = 0; first < vectors; first += 4) {
                int v0 = first;
                int v1 = Math.min(first + 1, vectors - 1);
                int v2 = Math.min(first + 2, vectors - 1);
                int v3 = Math.min(first + 3, vectors - 1);
                int in0 = vectorStarts[v0];
                int in1 = vectorStarts[v1];
                int in2 = vectorStarts[v2];
                int in3 = vectorStarts[v3];
                FloatVector sum0 = FloatVector.broadcast(SPECIES, bias);
                FloatVector sum1 = sum0;
                FloatVector sum2 = sum0;
                FloatVector sum3 = sum0;
                for (int t = 0; t < taps; t++) {
                    FloatVector w = FloatVector.broadcast(SPECIES, weights[filter + t]);
                    int offset = tapOffsets[t];
                    sum0 = FloatVector.fromArray(SPECIES, padded, in0 + offset).fma(w, sum0);
                    sum1 = FloatVector.fromArray(SPECIES, padded, in1 + offset).fma(w, sum1);
                    sum2 = FloatVector.fromArray(SPECIES, padded, in2 + offset).fma(w, sum2);
                    sum3 = FloatVector.fromArray(SPECIES, padded, in3 + offset).fma(w, sum3);
                }
                activation.apply(sum0).intoArray(dense, v0 * VL);
                activation.apply(sum1).intoArray(dense, v1 * VL);
                activation.apply(sum2).intoArray(dense, v2 * VL);
                activation.apply(sum3).intoArray(dense, v3 * VL);
            }
        }

        /** Copies the kept columns of the dense rows (every one, or every strideWidth-th) into the output. */
        private void copyOut(float[] dense, float[] output, int outputPlane) {
            int stride = g.strideWidth();
            int rowLength = vectorsPerRow * VL;
            int planeEnd = outputPlane + outHeight * outWidth;
            for (int oy = 0; oy < outHeight; oy++) {
                int outRow = outputPlane + oy * outWidth;
                int denseRow = oy * rowLength;
                // Whole vectors, the last one spilling into the rows below (written after this one), unless it
                // would reach past the plane, where another thread may be writing.
                int vectorEnd = outRow + rowLength <= planeEnd ? outWidth : SPECIES.loopBound(outWidth);
                int ox = 0;
                if (stride == 1) {
                    for (; ox < vectorEnd; ox += VL) {
                        FloatVector.fromArray(SPECIES, dense, denseRow + ox).intoArray(output, outRow + ox);
                    }
                } else if (stride == 2) {
                    // Even lanes of two vectors: two in-register permutes and a blend, about twice as fast as a
                    // scalar copy. The dense buffer has two vectors of slack for the last row's reads.
                    for (; ox < vectorEnd; ox += VL) {
                        FloatVector low = FloatVector.fromArray(SPECIES, dense, denseRow + 2 * ox);
                        FloatVector high = FloatVector.fromArray(SPECIES, dense, denseRow + 2 * ox + VL);
                        low.rearrange(EVEN_LANES).blend(high.rearrange(EVEN_LANES), UPPER_HALF)
                                .intoArray(output, outRow + ox);
                    }
                }
                for (; ox < outWidth; ox++) {
                    output[outRow + ox] = dense[denseRow + ox * stride];
                }
            }
        }

    }
}
