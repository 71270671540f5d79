package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.runtime.kernels.ColumnPhases;
import io.archexplorer.engine.runtime.kernels.Parallelism;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max, average, global and adaptive average pooling on NCHW planes.
 *
 * <p>Why the window pooling is fast: a k×k window is separable, and every pass is a full-width vector
 * operation over contiguous memory.
 * <ul>
 *   <li>For each output row, the k input rows it covers are reduced to one row (max or sum) inside a row buffer
 *       whose padding and ceil-mode overhang hold the reduction's identity (−∞ or 0), so no window is clipped.</li>
 *   <li>That row is split into its column phases for the horizontal stride ({@code ColumnPhases}, as strided
 *       convolutions do): tap kx of output x is then element {@code x + kx / s} of phase {@code kx mod s}, so
 *       16 outputs take k contiguous vector loads, whatever the stride.</li>
 *   <li>Max and sum run in separate inner loops (the choice is made once per vector of outputs or row, not per
 *       tap).</li>
 *   <li>An average multiplies by precomputed reciprocals of each window's count (clipped to the padded input,
 *       PyTorch's count_include_pad, or to the input itself).</li>
 * </ul>
 */
public final class PoolKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    private PoolKernels() {
    }

    public static StepKernel window(Pool pool, Shape in, Shape out, float[] input, float[] output) {
        return new Window(pool, in, out, input, output)::run;
    }

    /** One window pooling layer: its geometry, the per-window counts, and the loop over a range of planes. */
    private static final class Window {
        private final Pool pool;
        private final Shape in;
        private final Shape out;
        private final float[] input;
        private final float[] output;
        private final boolean max;
        private final float identity;
        /** Row buffer length split into phases: the padded row, extended to the last (ceil-mode) window's end,
         *  rounded up to whole vectors. */
        private final int rowLength;
        /** Length of each column phase of the row buffer, with a vector of slack. */
        private final int phaseLength;
        private final FloatVector identities;
        /** Where tap kx of output 0 lies in the phases: phase kx mod s, element kx / s. */
        private final int[] taps;
        /** Average only: 1 / (columns each output's window counts). */
        private final float[] columnReciprocals;

        Window(Pool pool, Shape in, Shape out, float[] input, float[] output) {
            this.pool = pool;
            this.in = in;
            this.out = out;
            this.input = input;
            this.output = output;
            max = pool.mode() == Pool.Mode.MAX;
            identity = max ? Float.NEGATIVE_INFINITY : 0f;
            identities = FloatVector.broadcast(SPECIES, identity);
            rowLength = roundUp(Math.max(pool.padW() + in.w(), (out.w() - 1) * pool.strideW() + pool.kernelW()));
            phaseLength = rowLength / pool.strideW() + VL;
            taps = new int[pool.kernelW()];
            for (int kx = 0; kx < taps.length; kx++) {
                taps[kx] = kx % pool.strideW() * phaseLength + kx / pool.strideW();
            }
            columnReciprocals = new float[roundUp(out.w())];
            for (int ox = 0; ox < out.w(); ox++) {
                int x0 = ox * pool.strideW() - pool.padW();
                columnReciprocals[ox] = 1f / counted(x0, x0 + pool.kernelW(), in.w(), pool.padW());
            }
        }

        /** How many of the window's positions [start, end) an average divides by (see the class comment). */
        private int counted(int start, int end, int size, int pad) {
            return pool.countIncludePad()
                    ? Math.min(end, size + pad) - start
                    : Math.min(end, size) - Math.max(start, 0);
        }

        void run(Parallelism parallelism) {
            Split.run(parallelism, in.n() * in.c(), (long) in.h() * in.w(), this::planes);
        }

        private void planes(int from, int to) {
            // At stride 1 the row is its only phase.
            int stride = pool.strideW();
            float[] row = new float[stride == 1 ? phaseLength : rowLength + VL];
            float[] phases = stride == 1 ? row : new float[stride * phaseLength];
            Arrays.fill(row, identity);
            Arrays.fill(phases, identity);
            int inH = in.h();
            int inW = in.w();
            for (int plane = from; plane < to; plane++) {
                int inBase = plane * inH * inW;
                int outBase = plane * out.h() * out.w();
                int outEnd = outBase + out.h() * out.w();
                for (int oy = 0; oy < out.h(); oy++) {
                    int y0 = oy * pool.strideH() - pool.padH();
                    int ys = Math.max(y0, 0);
                    int ye = Math.min(y0 + pool.kernelH(), inH);
                    reduceRows(inBase, ys, ye, row);
                    if (stride > 1) {
                        ColumnPhases.split(row, 0, rowLength, stride, 0, phases, 0, phaseLength);
                    }
                    float rowReciprocal = 1f / counted(y0, y0 + pool.kernelH(), inH, pool.padH());
                    windows(phases, rowReciprocal, outBase + oy * out.w(), outEnd);
                }
            }
        }

        /**
         * row[padW + x] = max (or sum) over input rows [ys, ye) of column x, in whole vectors: lanes past the
         * input row get the identity, so the row's padding keeps it.
         */
        private void reduceRows(int base, int ys, int ye, float[] row) {
            int width = in.w();
            int at = pool.padW();
            if (ys >= ye) {
                Arrays.fill(row, at, at + width, identity);
                return;
            }
            System.arraycopy(input, base + ys * width, row, at, width);
            VectorMask<Float> inRow = SPECIES.indexInRange(SPECIES.loopBound(width), width);
            for (int y = ys + 1; y < ye; y++) {
                int offset = base + y * width;
                int x = 0;
                // The last vector reads past the row (the next row, or the next plane) unless the array ends.
                int vectorEnd = offset + roundUp(width) <= input.length ? width : SPECIES.loopBound(width);
                if (max) {
                    for (; x < vectorEnd; x += VL) {
                        FloatVector.fromArray(SPECIES, row, at + x).max(inputVector(offset, x, width, inRow))
                                .intoArray(row, at + x);
                    }
                } else {
                    for (; x < vectorEnd; x += VL) {
                        FloatVector.fromArray(SPECIES, row, at + x).add(inputVector(offset, x, width, inRow))
                                .intoArray(row, at + x);
                    }
                }
                for (; x < width; x++) {
                    float v = input[offset + x];
                    float r = row[at + x];
                    row[at + x] = max ? (v > r ? v : r) : r + v;
                }
            }
        }

        /** Input row elements [x, x + VL), with the identity in lanes past the row's end. */
        private FloatVector inputVector(int offset, int x, int width, VectorMask<Float> inRow) {
            FloatVector v = FloatVector.fromArray(SPECIES, input, offset + x);
            return x + VL <= width ? v : identities.blend(v, inRow);
        }

        /**
         * How far an output row is written in whole vectors: a last partial vector spills into the rows below,
         * which are written after it, so it is stored whole unless it would reach past the plane (where another
         * thread may be writing).
         */
        private int vectorEnd(int outRow, int outEnd) {
            int width = out.w();
            return outRow + roundUp(width) <= outEnd ? width : SPECIES.loopBound(width);
        }

        /**
         * output[x] = max over taps kx of phase (kx mod s) at x + kx / s, or for an average their sum times
         * rowReciprocal · columnReciprocal[x].
         */
        private void windows(float[] phases, float rowReciprocal, int outRow, int outEnd) {
            int width = out.w();
            int vectorEnd = vectorEnd(outRow, outEnd);
            int x = 0;
            for (; x < vectorEnd; x += VL) {
                FloatVector acc = FloatVector.fromArray(SPECIES, phases, taps[0] + x);
                if (max) {
                    for (int kx = 1; kx < taps.length; kx++) {
                        acc = acc.max(FloatVector.fromArray(SPECIES, phases, taps[kx] + x));
                    }
                } else {
                    for (int kx = 1; kx < taps.length; kx++) {
                        acc = acc.add(FloatVector.fromArray(SPECIES, phases, taps[kx] + x));
                    }
                    acc = acc.mul(rowReciprocal).mul(FloatVector.fromArray(SPECIES, columnReciprocals, x));
                }
                acc.intoArray(output, outRow + x);
            }
            for (; x < width; x++) {
                float acc = phases[taps[0] + x];
                for (int kx = 1; kx < taps.length; kx++) {
                    float v = phases[taps[kx] + x];
                    acc = max ? (v > acc ? v : acc) : acc + v;
                }
                output[outRow + x] = max ? acc : acc * rowReciprocal * columnReciprocals[x];
            }
        }
    }

    private static float planeSum(float[] input, int from, int size) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int x = 0;
        for (; x < SPECIES.loopBound(size); x += VL) {
            acc = acc.add(FloatVector.fromArray(SPECIES, input, from + x));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; x < size; x++) {
            sum += input[from + x];
        }
        return sum;
    }

    private static int roundUp(int length) {
        return (length + VL - 1) / VL * VL;
    }

    /**
     * Bin i of an adaptive pool covers [floor(i·in/out), ceil((i+1)·in/out)), as in PyTorch. A global average
     * (one bin) sums each plane as one contiguous run, in vectors.
     */
    public static StepKernel adaptiveAverage(Shape in, Shape out, float[] input, float[] output) {
        int inH = in.h();
        int inW = in.w();
        int outH = out.h();
        int outW = out.w();
        if (outH == 1 && outW == 1) {
            int size = inH * inW;
            return p -> Split.run(p, in.n() * in.c(), size, (from, to) -> {
                for (int plane = from; plane < to; plane++) {
                    output[plane] = planeSum(input, plane * size, size) / size;
                }
            });
        }
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
