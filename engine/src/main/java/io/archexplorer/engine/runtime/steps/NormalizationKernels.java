package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Lrn;

/** Local response normalization and softmax across channels, at every spatial position. */
public final class NormalizationKernels {
    private NormalizationKernels() {
    }

    /**
     * y = x / (k + α/size · Σ x²)^β over the {@code size} channels centred on c, as Caffe, PyTorch and ONNX define
     * it (the window is clipped at the first and last channel).
     */
    public static StepKernel lrn(Lrn lrn, Shape shape, float[] in, float[] out) {
        int channels = shape.c();
        int plane = shape.h() * shape.w();
        int before = (lrn.size() - 1) / 2;
        int after = lrn.size() - 1 - before;
        double alphaOverSize = lrn.alpha() / lrn.size();
        return p -> Split.run(p, shape.n() * plane, channels * (long) lrn.size(), (from, to) -> {
            for (int pos = from; pos < to; pos++) {
                int base = pos / plane * channels * plane + pos % plane;
                for (int c = 0; c < channels; c++) {
                    double squares = 0;
                    for (int j = Math.max(0, c - before); j <= Math.min(channels - 1, c + after); j++) {
                        double v = in[base + j * plane];
                        squares += v * v;
                    }
                    out[base + c * plane] = (float) (in[base + c * plane]
                            / Math.pow(lrn.k() + alphaOverSize * squares, lrn.beta()));
                }
            }
        });
    }

    /** Softmax over the channel (or feature) axis, shifted by the maximum so large logits do not overflow. */
    public static StepKernel softmax(Shape shape, float[] in, float[] out) {
        int channels = shape.c();
        int plane = shape.isFeatureMap() ? shape.h() * shape.w() : 1;
        return p -> Split.run(p, shape.n() * plane, channels, (from, to) -> {
            for (int pos = from; pos < to; pos++) {
                int base = pos / plane * channels * plane + pos % plane;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < channels; c++) {
                    max = Math.max(max, in[base + c * plane]);
                }
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    float e = (float) Math.exp(in[base + c * plane] - max);
                    out[base + c * plane] = e;
                    sum += e;
                }
                float inv = (float) (1 / sum);
                for (int c = 0; c < channels; c++) {
                    out[base + c * plane] *= inv;
                }
            }
        });
    }
}
