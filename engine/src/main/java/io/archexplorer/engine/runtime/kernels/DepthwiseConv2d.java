package io.archexplorer.engine.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolution ({@code groups == inChannels == outChannels}, one filter per channel), computed directly
 * and vectorized along the output width. Any kernel size, stride, padding and dilation.
 *
 * <p>Why it is fast: a depthwise filter has only {@code kh·kw} taps per output, far too few for a GEMM to pay
 * off, so the cost is all in memory access. Each channel's input is first copied into a zero-padded scratch
 * plane (L1/L2 resident), with the columns split into {@code strideWidth} phases: phase {@code q} holds padded
 * columns {@code q, q+s, q+2s, ...}. Then the input column of output column {@code ox} for tap {@code kx} is
 * element {@code ox + (kx·d)/s} of phase {@code (kx·d) mod s}, so for every stride, 16 consecutive outputs read
 * 16 consecutive floats: one plain vector load and one FMA per tap, accumulated in a register, with no bounds
 * tests (padding is real zeros, and each phase row has zero slack up to a whole number of vectors). Bias and
 * activation are applied to the accumulator before its single store.
 *
 * <p>Threading: channel planes are independent and are split evenly across threads.
 */
public final class DepthwiseConv2d {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Less work than this per thread costs more in hand-off than it saves. */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 20;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

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
        parallelism.run(parts, part -> {
            for (int plane = planes * part / parts; plane < planes * (part + 1) / parts; plane++) {
                forwardPlane(g, plane, input, inputOffset, weights, weightOffset, epilogue, output, outputOffset);
            }
        });
    }

    private static void forwardPlane(ConvGeometry g, int plane, float[] input, int inputOffset,
                                     float[] weights, int weightOffset, Epilogue epilogue,
                                     float[] output, int outputOffset) {
        int channel = plane % g.inChannels();
        int outHeight = g.outHeight();
        int outWidth = g.outWidth();
        int stride = g.strideWidth();
        int kernelWidth = g.kernelWidth();
        int paddedRows = (outHeight - 1) * g.strideHeight() + (g.kernelHeight() - 1) * g.dilationHeight() + 1;
        int vectorWidth = (outWidth + VL - 1) / VL * VL;
        int phaseRow = vectorWidth + (kernelWidth - 1) * g.dilationWidth() / stride;
        int phaseSize = paddedRows * phaseRow;
        float[] padded = scratch(stride * phaseSize);
        int inputPlane = inputOffset + plane * g.inPlaneSize();
        for (int r = 0; r < paddedRows; r++) {
            int iy = r - g.padTop();
            for (int q = 0; q < stride; q++) {
                int dst = q * phaseSize + r * phaseRow;
                if (iy < 0 || iy >= g.inHeight()) {
                    java.util.Arrays.fill(padded, dst, dst + phaseRow, 0f);
                } else {
                    Im2col.sampleRow(input, inputPlane + iy * g.inWidth(), g.inWidth(), q - g.padLeft(), stride,
                            padded, dst, phaseRow);
                }
            }
        }

        int filter = weightOffset + channel * g.kernelHeight() * kernelWidth;
        float bias = epilogue.bias(channel);
        Activation activation = epilogue.activation();
        int outputPlane = outputOffset + plane * g.outPlaneSize();
        float[] tail = new float[VL];
        for (int oy = 0; oy < outHeight; oy++) {
            int outRow = outputPlane + oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += VL) {
                FloatVector sum = FloatVector.broadcast(SPECIES, bias);
                for (int ky = 0; ky < g.kernelHeight(); ky++) {
                    int row = (oy * g.strideHeight() + ky * g.dilationHeight()) * phaseRow + ox;
                    int tap = filter + ky * kernelWidth;
                    for (int kx = 0; kx < kernelWidth; kx++) {
                        int column = kx * g.dilationWidth();
                        int at = column % stride * phaseSize + row + column / stride;
                        sum = FloatVector.fromArray(SPECIES, padded, at)
                                .fma(FloatVector.broadcast(SPECIES, weights[tap + kx]), sum);
                    }
                }
                sum = activation.apply(sum);
                if (ox + VL <= outWidth) {
                    sum.intoArray(output, outRow + ox);
                } else {
                    sum.intoArray(tail, 0);
                    System.arraycopy(tail, 0, output, outRow + ox, outWidth - ox);
                }
            }
        }
    }

    private static float[] scratch(int size) {
        float[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            scratch = new float[size];
            SCRATCH.set(scratch);
        }
        return scratch;
    }
}
