package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;

/**
 * Expands the input planes of one image and one group into the {@code [filterSize][outPlaneSize]} matrix whose
 * row {@code (c, ky, kx)} holds, for every output pixel, the input value that filter tap multiplies; a
 * convolution is then one GEMM {@code weights[outChannelsPerGroup][filterSize] · columns}.
 *
 * <p>Why it is cheap: it expands any range of output pixels, so callers can expand a slice of columns that fits
 * in L2 and multiply it right away instead of streaming a matrix {@code kh·kw} times the input size through
 * memory twice; and each output row of a tap is one {@link #sampleRow} call, a bulk copy between zero runs.
 */
public final class Im2col {

    private Im2col() {
    }

    /**
     * Writes rows {@code [firstRow, endRow)}, columns (output pixels) {@code [firstColumn, endColumn)} of the
     * column matrix into {@code columns}, row-major with row length {@code endColumn - firstColumn}, the slice's
     * row {@code firstRow} at index {@code firstRow * (endColumn - firstColumn)}.
     *
     * @param inputOffset index of the group's first input plane for this image
     */
    public static void expand(ConvGeometry g, float[] input, int inputOffset, int firstRow, int endRow,
                              int firstColumn, int endColumn, float[] columns) {
        int kernelArea = g.kernelHeight() * g.kernelWidth();
        int outWidth = g.outWidth();
        int width = endColumn - firstColumn;
        for (int row = firstRow; row < endRow; row++) {
            int channel = row / kernelArea;
            int ky = row % kernelArea / g.kernelWidth();
            int kx = row % g.kernelWidth();
            int plane = inputOffset + channel * g.inPlaneSize();
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
                    sampleRow(input, plane + iy * g.inWidth(), g.inWidth(),
                            ox * g.strideWidth() + kx * g.dilationWidth() - g.padLeft(), g.strideWidth(),
                            columns, dst, run);
                }
                column += run;
                dst += run;
            }
        }
    }

    /**
     * {@code dst[dstOffset + i] = row[xShift + i*stride]} for i in [0, length), zero where that column is
     * outside {@code [0, width)}: the valid range is computed once, so there are three runs (zeros, copy, zeros)
     * and no per-element bounds test; stride 1 copies with {@code System.arraycopy}.
     */
    static void sampleRow(float[] src, int rowOffset, int width, int xShift, int stride,
                          float[] dst, int dstOffset, int length) {
        int firstValid = Math.min(length, Math.max(0, ceilDiv(-xShift, stride)));
        int endValid = Math.max(firstValid, Math.min(length, Math.floorDiv(width - 1 - xShift, stride) + 1));
        Arrays.fill(dst, dstOffset, dstOffset + firstValid, 0f);
        int src0 = rowOffset + xShift;
        if (stride == 1) {
            System.arraycopy(src, src0 + firstValid, dst, dstOffset + firstValid, endValid - firstValid);
        } else {
            for (int i = firstValid; i < endValid; i++) {
                dst[dstOffset + i] = src[src0 + i * stride];
            }
        }
        Arrays.fill(dst, dstOffset + endValid, dstOffset + length, 0f);
    }

    private static int ceilDiv(int x, int y) {
        return Math.floorDiv(x + y - 1, y);
    }
}
