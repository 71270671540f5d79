package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Crop;

/**
 * Layers that only move data: concat, channel slice, channel shuffle and crop. In NCHW a channel range of one image
 * is one contiguous block, and a cropped row one contiguous run, so each is a series of {@link System#arraycopy}.
 */
public final class CopyKernels {
    private CopyKernels() {
    }

    /** Each input's block of each image is one copy; the copies are independent, so threads share them out. */
    public static StepKernel concat(float[][] inputs, Shape[] shapes, float[] output, Shape out) {
        int batch = out.n();
        int parts = inputs.length;
        int[] block = new int[parts];
        int[] offset = new int[parts];
        long total = 0;
        for (int k = 0; k < parts; k++) {
            block[k] = Math.toIntExact(shapes[k].elementsPerImage());
            offset[k] = (int) total;
            total += block[k];
        }
        int outImage = Math.toIntExact(out.elementsPerImage());
        long averageBlock = total / parts;
        return p -> Split.run(p, batch * parts, averageBlock, (from, to) -> {
            for (int item = from; item < to; item++) {
                int n = item / parts;
                int k = item % parts;
                System.arraycopy(inputs[k], n * block[k], output, n * outImage + offset[k], block[k]);
            }
        });
    }

    public static StepKernel slice(float[] input, Shape in, int start, int end, float[] output) {
        int plane = in.isFeatureMap() ? in.h() * in.w() : 1;
        int block = (end - start) * plane;
        int inImage = (int) in.elementsPerImage();
        return p -> {
            for (int n = 0; n < in.n(); n++) {
                System.arraycopy(input, n * inImage + start * plane, output, n * block, block);
            }
        };
    }

    /** Channel c = g·(C/groups) + i moves to i·groups + g: the transpose of a groups × (C/groups) channel grid. */
    public static StepKernel shuffle(float[] input, Shape in, int groups, float[] output) {
        int channels = in.c();
        int perGroup = channels / groups;
        int plane = in.h() * in.w();
        return p -> {
            for (int n = 0; n < in.n(); n++) {
                int image = n * channels * plane;
                for (int g = 0; g < groups; g++) {
                    for (int i = 0; i < perGroup; i++) {
                        System.arraycopy(input, image + (g * perGroup + i) * plane, output,
                                image + (i * groups + g) * plane, plane);
                    }
                }
            }
        };
    }

    /** Caffe's crop: out[i] = in[i + offset] in every dimension, offsets 0 before {@code crop.axis()}. */
    public static StepKernel crop(Crop crop, float[] input, Shape in, Shape out, float[] output) {
        int[] inDims = in.dims();
        int[] outDims = out.dims();
        int rank = outDims.length;
        int rows = Math.toIntExact(out.elements() / outDims[rank - 1]);
        return p -> {
            int[] position = new int[rank];
            for (int row = 0; row < rows; row++) {
                int rest = row;
                for (int d = rank - 2; d >= 0; d--) {
                    position[d] = rest % outDims[d];
                    rest /= outDims[d];
                }
                int from = 0;
                for (int d = 0; d < rank; d++) {
                    int offset = d >= crop.axis() ? crop.offset(d) : 0;
                    from = from * inDims[d] + (d < rank - 1 ? position[d] : 0) + offset;
                }
                System.arraycopy(input, from, output, row * outDims[rank - 1], outDims[rank - 1]);
            }
        };
    }
}
