package io.archexplorer.engine.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Splits a row into its column phases for a horizontal stride {@code s}: phase {@code q} holds columns
 * {@code q, q+s, q+2s, ...}. A strided convolution tap or pooling window then reads consecutive elements of one
 * phase, so the kernels that consume phases (convolution, pooling) keep unit-stride vector loads and compute
 * only the outputs that are kept.
 *
 * <p>Why it is fast: stride 1 is one bulk copy; stride 2, nearly every strided layer, deinterleaves two vectors at
 * a time with two in-register permutes and a blend per phase (a strided vector load does not exist; on JDK 17 a
 * gather costs more than this); other strides, rare, go element by element.
 */
public final class ColumnPhases {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Lane i takes lane 2i mod VL: the even lanes of a vector, twice over. */
    private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(SPECIES, i -> 2 * i % VL);
    /** Lane i takes lane (2i + 1) mod VL: the odd lanes, twice over. */
    private static final VectorShuffle<Float> ODD_LANES = VectorShuffle.fromOp(SPECIES, i -> (2 * i + 1) % VL);
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(SPECIES, -1L << (VL / 2));

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
            // From x = lead mod 2 on, x + lead is even: of 2·VL elements the even ones go to phase 0, the odd
            // ones to phase 1, both from (x + lead) / 2 (permutes that C2 on JDK 17 compiles reliably; a
            // long-to-int narrowing does the same in fewer instructions but falls back to slow Java code
            // wherever C2 does not see its species as a constant).
            x = Math.min(length, lead % 2);
            splitScalar(src, from, 0, x, stride, lead, dst, dstOffset, phaseStride);
            for (; x + 2 * VL <= length; x += 2 * VL) {
                FloatVector low = FloatVector.fromArray(SPECIES, src, from + x);
                FloatVector high = FloatVector.fromArray(SPECIES, src, from + x + VL);
                int at = dstOffset + (x + lead) / 2;
                low.rearrange(EVEN_LANES).blend(high.rearrange(EVEN_LANES), UPPER_HALF).intoArray(dst, at);
                low.rearrange(ODD_LANES).blend(high.rearrange(ODD_LANES), UPPER_HALF)
                        .intoArray(dst, at + phaseStride);
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
            int x = start + floorMod(q - lead - start, stride);
            for (int i = dstOffset + q * phaseStride + divide(x + lead, stride); x < end; x += stride, i++) {
                dst[i] = src[from + x];
            }
        }
    }

    /** {@code Math.floorMod}, with a shortcut for stride 2 (callers split every row of a layer). */
    private static int floorMod(int x, int stride) {
        return stride == 2 ? x & 1 : Math.floorMod(x, stride);
    }

    /** {@code x / stride} for {@code x >= 0}, with a shortcut for stride 2. */
    private static int divide(int x, int stride) {
        return stride == 2 ? x >> 1 : x / stride;
    }
}
