package io.archexplorer.engine.runtime.layers;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Pool;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max, average, global and adaptive average pooling on NCHW planes.
 *
 * <p>Why the window pooling is fast: a k×k window is separable. For each output row the k input rows it covers
 * are first reduced to one row (max or sum) with full-width vector operations over contiguous memory, and only
 * then is each output's k-wide horizontal window reduced from that row. That is k + k operations per output
 * instead of k·k scattered ones, and the first pass runs at vector speed. The window is clipped to the input
 * once per output row and column, never tested per element.
 */
public final class PoolKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    private PoolKernels() {
    }

    public static LayerKernel window(Pool pool, Shape in, Shape out, float[] input, float[] output) {
        int inH = in.h();
        int inW = in.w();
        int outH = out.h();
        int outW = out.w();
        boolean max = pool.mode() == Pool.Mode.MAX;
        return p -> Split.run(p, in.n() * in.c(), (long) inH * inW, (from, to) -> {
            float[] row = new float[inW];
            for (int plane = from; plane < to; plane++) {
                int inBase = plane * inH * inW;
                int outBase = plane * outH * outW;
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = oy * pool.strideH() - pool.padH();
                    int y1 = Math.min(y0 + pool.kernelH(), inH + pool.padH());
                    int ys = Math.max(y0, 0);
                    int ye = Math.min(y1, inH);
                    reduceRows(input, inBase, inW, ys, ye, row, max);
                    int outRow = outBase + oy * outW;
                    // An average divides by the window clipped to the padded input (PyTorch's count_include_pad) or
                    // to the input itself; a ceil-mode window hanging past the padding never counts.
                    int rowsCounted = pool.countIncludePad() ? y1 - y0 : ye - ys;
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = ox * pool.strideW() - pool.padW();
                        int x1 = Math.min(x0 + pool.kernelW(), inW + pool.padW());
                        int xs = Math.max(x0, 0);
                        int xe = Math.min(x1, inW);
                        output[outRow + ox] = max ? rowMax(row, xs, xe)
                                : rowSum(row, xs, xe) / (rowsCounted * (pool.countIncludePad() ? x1 - x0 : xe - xs));
                    }
                }
            }
        });
    }

    /** Max of row[from, to); a plain compare, not Math.max, whose NaN and −0 handling costs branches. */
    private static float rowMax(float[] row, int from, int to) {
        float acc = Float.NEGATIVE_INFINITY;
        for (int x = from; x < to; x++) {
            float v = row[x];
            acc = v > acc ? v : acc;
        }
        return acc;
    }

    private static float rowSum(float[] row, int from, int to) {
        float acc = 0f;
        for (int x = from; x < to; x++) {
            acc += row[x];
        }
        return acc;
    }

    /** row = max (or sum) of input rows [ys, ye) of one plane, element by element. */
    private static void reduceRows(float[] input, int base, int width, int ys, int ye, float[] row, boolean max) {
        if (ys >= ye) {
            Arrays.fill(row, max ? Float.NEGATIVE_INFINITY : 0f);
            return;
        }
        System.arraycopy(input, base + ys * width, row, 0, width);
        for (int y = ys + 1; y < ye; y++) {
            int offset = base + y * width;
            int x = 0;
            for (; x + VL <= width; x += VL) {
                FloatVector a = FloatVector.fromArray(SPECIES, row, x);
                FloatVector b = FloatVector.fromArray(SPECIES, input, offset + x);
                (max ? a.max(b) : a.add(b)).intoArray(row, x);
            }
            for (; x < width; x++) {
                row[x] = max ? Math.max(row[x], input[offset + x]) : row[x] + input[offset + x];
            }
        }
    }

    /** Bin i of an adaptive pool covers [floor(i·in/out), ceil((i+1)·in/out)), as in PyTorch. */
    public static LayerKernel adaptiveAverage(Shape in, Shape out, float[] input, float[] output) {
        int inH = in.h();
        int inW = in.w();
        int outH = out.h();
        int outW = out.w();
        return p -> Split.run(p, in.n() * in.c(), (long) inH * inW, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int inBase = plane * inH * inW;
                int outBase = plane * outH * outW;
                for (int oy = 0; oy < outH; oy++) {
                    int ys = oy * inH / outH;
                    int ye = ((oy + 1) * inH + outH - 1) / outH;
                    for (int ox = 0; ox < outW; ox++) {
                        int xs = ox * inW / outW;
                        int xe = ((ox + 1) * inW + outW - 1) / outW;
                        float sum = 0f;
                        for (int y = ys; y < ye; y++) {
                            for (int x = xs; x < xe; x++) {
                                sum += input[inBase + y * inW + x];
                            }
                        }
                        output[outBase + oy * outW + ox] = sum / ((ye - ys) * (xe - xs));
                    }
                }
            }
        });
    }
}
