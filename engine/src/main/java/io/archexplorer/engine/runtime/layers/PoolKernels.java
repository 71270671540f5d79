package io.archexplorer.engine.runtime.layers;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Pool;

/**
 * Max, average, global and adaptive average pooling on NCHW planes. Pooling is a small share of any net's time,
 * so these are plain loops over one plane per work item, with the window clipped to the input once per output
 * row and column rather than tested per element.
 */
public final class PoolKernels {
    private PoolKernels() {
    }

    public static LayerKernel window(Pool pool, Shape in, Shape out, float[] input, float[] output) {
        int inH = in.h();
        int inW = in.w();
        int outH = out.h();
        int outW = out.w();
        boolean max = pool.mode() == Pool.Mode.MAX;
        return p -> Split.run(p, in.n() * in.c(), (long) inH * inW, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int inBase = plane * inH * inW;
                int outBase = plane * outH * outW;
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = oy * pool.strideH() - pool.padH();
                    int y1 = Math.min(y0 + pool.kernelH(), inH + pool.padH());
                    int ys = Math.max(y0, 0);
                    int ye = Math.min(y1, inH);
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = ox * pool.strideW() - pool.padW();
                        int x1 = Math.min(x0 + pool.kernelW(), inW + pool.padW());
                        int xs = Math.max(x0, 0);
                        int xe = Math.min(x1, inW);
                        float acc = max ? Float.NEGATIVE_INFINITY : 0f;
                        for (int y = ys; y < ye; y++) {
                            int row = inBase + y * inW;
                            for (int x = xs; x < xe; x++) {
                                acc = max ? Math.max(acc, input[row + x]) : acc + input[row + x];
                            }
                        }
                        if (!max) {
                            // PyTorch divides by the window clipped to the padded input (count_include_pad) or
                            // to the input itself; a ceil-mode window hanging past the padding never counts.
                            int area = pool.countIncludePad() ? (y1 - y0) * (x1 - x0) : (ye - ys) * (xe - xs);
                            acc /= area;
                        }
                        output[outBase + oy * outW + ox] = acc;
                    }
                }
            }
        });
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
