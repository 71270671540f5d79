package io.archexplorer.engine.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Splits a row into its column phases for a horizontal stride {@code s}: phase {@code q} holds columns
 * {@code q, q+s, q+2s, ...}. A strided convolution tap then reads consecutive elements of one phase, so the
 * kernels that consume phases (im2col, depthwise) keep unit-stride vector loads and compute only the outputs
 * that are kept.
 *
 * <p>Why it is fast: stride 1 is one bulk copy; stride 2, nearly every strided layer, deinterleaves two vectors at a time with two
 * in-register permutes and a blend per phase (a strided vector load does not exist; on JDK 17 a gather costs
 * more than this); other strides, rare, go element by element.
 */
public final class ColumnPhases {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Ints in half a vector: one per (even, odd) pair of floats. */
    private static final VectorSpecies<Integer> HALF_INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));

    private ColumnPhases() {
    }

    /**
     * Element {@code x} of the row {@code src[from, from + length)} is column {@code c = x + lead}; it goes to
     * {@code dst[dstOffset + (c % stride) * phaseStride + c / stride]}.
     *
     * @param lead        columns before the row's first element (a left padding), {@code >= 0}
     * @param phaseStride distance in {@code dst} between the starts of consecutive phases
     */
    public static void split(float[] src, int from, int length, int stride, int lead,
                      float[] dst, int dstOffset, int phaseStride) {
        if (stride == 1) {
            System.arraycopy(src, from, dst, dstOffset + lead, length);
            return;
        }
        int x = 0;
        if (stride == 2) {
            // From x = lead mod 2 on, x + lead is even: the even elements of 2·VL go to phase 0, the odd ones to
            // phase 1, both from (x + lead) / 2.
            x = Math.min(length, lead % 2);
            splitScalar(src, from, 0, x, stride, lead, dst, dstOffset, phaseStride);
            for (; x + VL <= length; x += VL) {
                // The vector as VL/2 longs, each an (even, odd) pair: truncating the longs to ints keeps the even
                // elements, shifting them right by 32 first keeps the odd ones (little-endian lanes).
                LongVector pairs = FloatVector.fromArray(SPECIES, src, from + x).reinterpretAsLongs();
                int at = dstOffset + (x + lead) / 2;
                pairs.convertShape(VectorOperators.L2I, HALF_INTS, 0).reinterpretAsFloats().intoArray(dst, at);
                pairs.lanewise(VectorOperators.LSHR, 32).convertShape(VectorOperators.L2I, HALF_INTS, 0)
                        .reinterpretAsFloats().intoArray(dst, at + phaseStride);
            }
        }
        splitScalar(src, from, x, length, stride, lead, dst, dstOffset, phaseStride);
    }

    /**
     * {@link #split} of the elements {@code [start, end)}, phase by phase, so that there is no division per
     * element (an integer division by a variable costs tens of cycles, more than the copy).
     */
    private static void splitScalar(float[] src, int from, int start, int end, int stride, int lead,
                                    float[] dst, int dstOffset, int phaseStride) {
        for (int q = 0; q < stride; q++) {
            int x = start + Math.floorMod(q - lead - start, stride);
            for (int i = dstOffset + q * phaseStride + (x + lead) / stride; x < end; x += stride, i++) {
                dst[i] = src[from + x];
            }
        }
    }
}
