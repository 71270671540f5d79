package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;

/**
 * Expands the input planes of one image and one group into the {@code [filterSize][outPlaneSize]} matrix whose
 * row {@code (c, ky, kx)} holds, for every output pixel, the input value that filter tap multiplies; a
 * convolution is then one GEMM {@code weights[outChannelsPerGroup][filterSize] · columns}.
 *
 * <p>Why it is cheap:
 * <ul>
 *   <li>It expands any range of output pixels, so callers can expand a slice that fits in L2 and multiply it
 *       right away instead of streaming a matrix {@code kh·kw} times the input size through memory twice.</li>
 *   <li>Every piece of a row is a bulk {@code System.arraycopy} between zero runs, with the valid range
 *       computed once per piece instead of a bounds test per element.</li>
 *   <li>That needs stride 1 along the row. For a horizontal stride {@code s} the input is first split once into
 *       {@code s} column phases ({@link #splitColumnPhases}, phase {@code q} holds columns {@code q, q+s, ...}):
 *       a tap then reads consecutive elements of one phase. The gather ({@link ColumnPhases}) happens once per
 *       input element instead of once per tap per output (49 times less often for a 7×7 stride-2 stem).</li>
 * </ul>
 * The source read by {@link #expand} is the group's input itself when {@code strideWidth == 1} and its phase
 * split otherwise: per channel, {@code s} planes of {@code inHeight × phaseWidth(g)} floats.
 */
final class Im2col {

    private Im2col() {
    }

    /** Row length of a column phase: {@code ceil(inWidth / strideWidth)}. */
    static int phaseWidth(ConvGeometry g) {
        return (g.inWidth() + g.strideWidth() - 1) / g.strideWidth();
    }

    /** Floats needed by {@link #splitColumnPhases} for one group. */
    static int phaseSplitSize(ConvGeometry g) {
        return g.inChannelsPerGroup() * g.strideWidth() * g.inHeight() * phaseWidth(g);
    }

    /**
     * Copies channels {@code [firstChannel, endChannel)} of a group's input into column phases: element
     * {@code [c][q][y][i]} is input column {@code i·s + q} of row y; entries past the row's end are left as is.
     *
     * @param inputOffset index of the group's first input plane for this image
     */
    static void splitColumnPhases(ConvGeometry g, float[] input, int inputOffset,
                                         int firstChannel, int endChannel, float[] phases) {
        int stride = g.strideWidth();
        int phaseWidth = phaseWidth(g);
        int phasePlane = g.inHeight() * phaseWidth;
        int inWidth = g.inWidth();
        for (int c = firstChannel; c < endChannel; c++) {
            for (int y = 0; y < g.inHeight(); y++) {
                ColumnPhases.split(input, inputOffset + (c * g.inHeight() + y) * inWidth, inWidth, stride, 0,
                        phases, c * stride * phasePlane + y * phaseWidth, phasePlane);
            }
        }
    }

    /**
     * Writes rows {@code [firstRow, endRow)}, columns (output pixels) {@code [firstColumn, endColumn)} of the
     * column matrix into {@code columns}, row-major with row length {@code endColumn - firstColumn}, the slice's
     * row {@code firstRow} at index {@code firstRow * (endColumn - firstColumn)}.
     *
     * @param source       the group's input (stride 1) or its {@link #splitColumnPhases} (stride > 1)
     * @param sourceOffset index of the group's first input plane, or of its first phase plane, in {@code source}
     */
    static void expand(ConvGeometry g, float[] source, int sourceOffset, int firstRow, int endRow,
                              int firstColumn, int endColumn, float[] columns) {
        int kernelArea = g.kernelHeight() * g.kernelWidth();
        int outWidth = g.outWidth();
        int stride = g.strideWidth();
        int phaseWidth = phaseWidth(g);
        int width = endColumn - firstColumn;
        for (int row = firstRow; row < endRow; row++) {
            int channel = row / kernelArea;
            int ky = row % kernelArea / g.kernelWidth();
            int kx = row % g.kernelWidth();
            // Input column ox·s + tap = s·(ox + shift) + phase.
            int tap = kx * g.dilationWidth() - g.padLeft();
            int phase = Math.floorMod(tap, stride);
            int shift = Math.floorDiv(tap, stride);
            int phaseLength = (g.inWidth() - phase + stride - 1) / stride;
            int plane = sourceOffset + (channel * stride + phase) * g.inHeight() * phaseWidth;
            int dst = row * width;
            // Runs of consecutive output pixels on one output row.
            for (int column = firstColumn; column < endColumn; ) {
                int oy = column / outWidth;
                int ox = column % outWidth;
                int run = Math.min(outWidth - ox, endColumn - column);
                int iy = oy * g.strideHeight() + ky * g.dilationHeight() - g.padTop();
                if (iy < 0 || iy >= g.inHeight()) {
                    Arrays.fill(columns, dst, dst + run, 0f);
                } else {
                    copyWithZeros(source, plane + iy * phaseWidth, phaseLength, ox + shift, columns, dst, run);
                }
                column += run;
                dst += run;
            }
        }
    }

    /** {@code dst[dstOffset + i] = row[start + i]} for i in [0, length), zero where outside {@code [0, width)}. */
    private static void copyWithZeros(float[] src, int rowOffset, int width, int start,
                                      float[] dst, int dstOffset, int length) {
        int firstValid = Math.min(length, Math.max(0, -start));
        int endValid = Math.max(firstValid, Math.min(length, width - start));
        Arrays.fill(dst, dstOffset, dstOffset + firstValid, 0f);
        System.arraycopy(src, rowOffset + start + firstValid, dst, dstOffset + firstValid, endValid - firstValid);
        Arrays.fill(dst, dstOffset + endValid, dstOffset + length, 0f);
    }
}
