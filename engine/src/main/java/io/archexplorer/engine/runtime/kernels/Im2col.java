package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;

/**
 * Expands the input planes of one image and one group into the {@code [filterSize][outPlaneSize]} matrix whose
 * row {@code (c, ky, kx)} holds, for every output pixel, the input value that filter tap multiplies; a
 * convolution is then one GEMM {@code weights[outChannelsPerGroup][filterSize] · columns}.
 *
 * <p>Why it is cheap: the valid output-column range of a tap depends only on {@code kx}, so each output row is
 * at most three runs (zeros, copied input, zeros) with no per-element bounds test; stride 1 copies with
 * {@code System.arraycopy}.
 */
public final class Im2col {

    private Im2col() {
    }

    /**
     * Writes rows {@code [firstRow, endRow)} of the column matrix, row-major with row length
     * {@code g.outPlaneSize()}, starting at {@code columns[0]}.
     *
     * @param inputOffset index of the group's first input plane for this image
     */
    public static void expand(ConvGeometry g, float[] input, int inputOffset, float[] columns,
                              int firstRow, int endRow) {
        int kernelArea = g.kernelHeight() * g.kernelWidth();
        int outHeight = g.outHeight();
        int outWidth = g.outWidth();
        int inWidth = g.inWidth();
        for (int row = firstRow; row < endRow; row++) {
            int channel = row / kernelArea;
            int ky = row % kernelArea / g.kernelWidth();
            int kx = row % g.kernelWidth();
            int plane = inputOffset + channel * g.inPlaneSize();
            int xShift = kx * g.dilationWidth() - g.padLeft();
            // Output columns whose input column ox*stride + xShift lies inside [0, inWidth).
            int firstValid = Math.min(outWidth, Math.max(0, ceilDiv(-xShift, g.strideWidth())));
            int endValid = Math.max(firstValid,
                    Math.min(outWidth, Math.floorDiv(inWidth - 1 - xShift, g.strideWidth()) + 1));
            int dst = row * g.outPlaneSize();
            for (int oy = 0; oy < outHeight; oy++, dst += outWidth) {
                int iy = oy * g.strideHeight() + ky * g.dilationHeight() - g.padTop();
                if (iy < 0 || iy >= g.inHeight()) {
                    Arrays.fill(columns, dst, dst + outWidth, 0f);
                    continue;
                }
                Arrays.fill(columns, dst, dst + firstValid, 0f);
                int src = plane + iy * inWidth + xShift;
                if (g.strideWidth() == 1) {
                    System.arraycopy(input, src + firstValid, columns, dst + firstValid, endValid - firstValid);
                } else {
                    for (int ox = firstValid; ox < endValid; ox++) {
                        columns[dst + ox] = input[src + ox * g.strideWidth()];
                    }
                }
                Arrays.fill(columns, dst + endValid, dst + outWidth, 0f);
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return Math.floorDiv(x + y - 1, y);
    }
}
