package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
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
 *       interior, so per plane the copy is one {@code System.arraycopy} per input row. After that no load needs
 *       a bounds test: 16 neighbouring outputs read 16 neighbouring floats per tap.</li>
 *   <li>Each output vector is accumulated in a register over all taps (one load and one FMA per tap, tap
 *       offsets precomputed), starting from the bias; the activation is applied before its single store.</li>
 *   <li>A horizontal stride is handled by computing the row at stride 1 and keeping every s-th value: a
 *       strided vector load does not exist, and on JDK 17 gathers and two-vector shuffles cost more than the
 *       extra FMAs (for stride 2: twice the FMAs, but one scalar copy per output instead of deinterleaving
 *       every input element). Vertical strides just skip rows.</li>
 * </ul>
 *
 * <p>Threading: channel planes are independent and are split evenly across threads.
 */
public final class DepthwiseConv2d {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Less work than this per thread costs more in hand-off than it saves. */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 20;

    private static final ThreadScratch PADDED_PLANE = new ThreadScratch();
    private static final ThreadScratch OUTPUT_ROW = new ThreadScratch();

    private DepthwiseConv2d() {
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
        int parts = (int) Math.max(1, Math.min(Math.min(parallelism.threads(), planes),
                g.flops() / MIN_FLOPS_PER_THREAD));
        parallelism.run(parts, part -> new PlaneSweep(g).run(planes * part / parts, planes * (part + 1) / parts,
                input, inputOffset, weights, weightOffset, epilogue, output, outputOffset));
    }

    /** The per-geometry layout of the scratch plane, and the loop over a range of planes using it. */
    private static final class PlaneSweep {
        private final ConvGeometry g;
        private final int outHeight;
        private final int outWidth;
        /** Outputs per row computed at stride 1, of which every strideWidth-th is kept. */
        private final int denseWidth;
        private final int paddedRows;
        private final int paddedWidth;
        /** Where each tap reads in the padded plane, relative to its output's first tap. */
        private final int[] tapOffsets;

        PlaneSweep(ConvGeometry g) {
            this.g = g;
            outHeight = g.outHeight();
            outWidth = g.outWidth();
            denseWidth = (outWidth - 1) * g.strideWidth() + 1;
            paddedRows = (outHeight - 1) * g.strideHeight() + (g.kernelHeight() - 1) * g.dilationHeight() + 1;
            paddedWidth = (denseWidth + VL - 1) / VL * VL + (g.kernelWidth() - 1) * g.dilationWidth();
            tapOffsets = new int[g.kernelHeight() * g.kernelWidth()];
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                for (int kx = 0; kx < g.kernelWidth(); kx++) {
                    tapOffsets[ky * g.kernelWidth() + kx] =
                            ky * g.dilationHeight() * paddedWidth + kx * g.dilationWidth();
                }
            }
        }

        void run(int firstPlane, int endPlane, float[] input, int inputOffset, float[] weights, int weightOffset,
                 Epilogue epilogue, float[] output, int outputOffset) {
            float[] padded = PADDED_PLANE.floats(paddedRows * paddedWidth);
            Arrays.fill(padded, 0, paddedRows * paddedWidth, 0f);
            float[] row = OUTPUT_ROW.floats(paddedWidth);
            for (int plane = firstPlane; plane < endPlane; plane++) {
                int channel = plane % g.inChannels();
                copyInterior(input, inputOffset + plane * g.inPlaneSize(), padded);
                convolvePlane(padded, weights, weightOffset + channel * tapOffsets.length, epilogue.bias(channel),
                        epilogue.activation(), output, outputOffset + plane * g.outPlaneSize(), row);
            }
        }

        private void copyInterior(float[] input, int inputPlane, float[] padded) {
            // Input rows and columns past the last ones any output reads are left out.
            int endRow = Math.min(g.inHeight(), paddedRows - g.padTop());
            int length = Math.max(0, Math.min(g.inWidth(), paddedWidth - g.padLeft()));
            for (int iy = 0; iy < endRow; iy++) {
                System.arraycopy(input, inputPlane + iy * g.inWidth(), padded,
                        (iy + g.padTop()) * paddedWidth + g.padLeft(), length);
            }
        }

        private void convolvePlane(float[] padded, float[] weights, int filter, float bias, Activation activation,
                                   float[] output, int outputPlane, float[] row) {
            int stride = g.strideWidth();
            int taps = tapOffsets.length;
            for (int oy = 0; oy < outHeight; oy++) {
                int outRow = outputPlane + oy * outWidth;
                int inRow = oy * g.strideHeight() * paddedWidth;
                for (int x = 0; x < denseWidth; x += VL) {
                    FloatVector sum = FloatVector.broadcast(SPECIES, bias);
                    for (int t = 0; t < taps; t++) {
                        sum = FloatVector.fromArray(SPECIES, padded, inRow + x + tapOffsets[t])
                                .fma(FloatVector.broadcast(SPECIES, weights[filter + t]), sum);
                    }
                    sum = activation.apply(sum);
                    if (stride == 1 && x + VL <= outWidth) {
                        sum.intoArray(output, outRow + x);
                    } else {
                        sum.intoArray(row, x);
                    }
                }
                if (stride == 1) {
                    int tail = outWidth - outWidth % VL;
                    System.arraycopy(row, tail, output, outRow + tail, outWidth - tail);
                } else {
                    for (int ox = 0; ox < outWidth; ox++) {
                        output[outRow + ox] = row[ox * stride];
                    }
                }
            }
        }
    }
}
