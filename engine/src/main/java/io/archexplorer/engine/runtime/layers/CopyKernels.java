package io.archexplorer.engine.runtime.layers;

import io.archexplorer.engine.graph.Shape;

/**
 * Layers that only move data between channel ranges: concat, channel slice and channel shuffle. In NCHW a channel
 * range of one image is one contiguous block, so each is a handful of {@link System#arraycopy} calls per image.
 */
public final class CopyKernels {
    private CopyKernels() {
    }

    public static LayerKernel concat(float[][] inputs, Shape[] shapes, float[] output, Shape out) {
        int batch = out.n();
        long outImage = out.elementsPerImage();
        return p -> {
            for (int n = 0; n < batch; n++) {
                int at = (int) (n * outImage);
                for (int k = 0; k < inputs.length; k++) {
                    int block = (int) shapes[k].elementsPerImage();
                    System.arraycopy(inputs[k], n * block, output, at, block);
                    at += block;
                }
            }
        };
    }

    public static LayerKernel slice(float[] input, Shape in, int start, int end, float[] output) {
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
    public static LayerKernel shuffle(float[] input, Shape in, int groups, float[] output) {
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
}
