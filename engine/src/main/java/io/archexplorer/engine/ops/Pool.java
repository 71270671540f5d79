package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Max or average pooling over a sliding window.
 *
 * @param ceilMode round the output size up, as Caffe always does and PyTorch does with {@code ceil_mode=True}
 * @param countIncludePad whether an average divides by the whole window including padding (PyTorch's default)
 * @param caffeRounding with {@code ceilMode}, drop a last window that starts outside the input only when there is
 *     padding, as Caffe does; PyTorch drops it whatever the padding. They differ when stride > kernel without
 *     padding (e.g. input 5, window 1, stride 3: Caffe 3 outputs, PyTorch 2)
 */
public record Pool(Mode mode, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                   boolean ceilMode, boolean countIncludePad, boolean caffeRounding) implements Op {

    /** Which reduction the window applies. */
    public enum Mode { MAX, AVG }

    public Pool {
        if (mode == null) {
            throw new IllegalArgumentException("mode is missing");
        }
        Windows.requireWindow(kernelH, kernelW, strideH, strideW, padH, padW);
        if (padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException("padding " + padH + "×" + padW + " exceeds half the kernel "
                    + Windows.kernel(kernelH, kernelW));
        }
    }

    public Pool(Mode mode, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, boolean ceilMode,
                boolean countIncludePad) {
        this(mode, kernelH, kernelW, strideH, strideW, padH, padW, ceilMode, countIncludePad, false);
    }

    public static Pool max(int kernel, int stride, int pad) {
        return new Pool(Mode.MAX, kernel, kernel, stride, stride, pad, pad, false, true);
    }

    public static Pool avg(int kernel, int stride, int pad) {
        return new Pool(Mode.AVG, kernel, kernel, stride, stride, pad, pad, false, true);
    }

    public Pool withCeilMode() {
        return new Pool(mode, kernelH, kernelW, strideH, strideW, padH, padW, true, countIncludePad, caffeRounding);
    }

    @Override
    public String kind() {
        return mode == Mode.MAX ? "max_pool" : "avg_pool";
    }

    @Override
    public String attributesSummary() {
        return Windows.kernel(kernelH, kernelW) + Windows.stride(strideH, strideW) + (ceilMode ? " ceil" : "");
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.featureMap(inputs, kind());
        int h = Windows.pooled(in.h(), kernelH, strideH, padH, ceilMode, caffeRounding);
        int w = Windows.pooled(in.w(), kernelW, strideW, padW, ceilMode, caffeRounding);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("output size " + h + "×" + w + " from input " + in.h() + "×" + in.w()
                    + " with window " + Windows.kernel(kernelH, kernelW)
                    + ", stride " + Windows.perAxis(strideH, strideW));
        }
        return Shape.of(in.n(), in.c(), h, w);
    }
}
