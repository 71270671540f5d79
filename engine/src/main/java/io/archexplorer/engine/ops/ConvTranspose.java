package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Transposed 2-D convolution (Caffe's Deconvolution, the learned upsampling of FCN): each input element scatters
 * a (out channels / groups)×kh×kw patch into the output.
 */
public record ConvTranspose(int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                            int dilationH, int dilationW, int groups, boolean bias) implements Op {

    public ConvTranspose {
        Windows.requireConvolution(outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW,
                groups);
    }

    @Override
    public String kind() {
        return "conv_transpose";
    }

    @Override
    public String attributesSummary() {
        String s = Windows.kernel(kernelH, kernelW) + Windows.stride(strideH, strideW) + ", " + outChannels;
        return groups > 1 ? s + ", g=" + groups : s;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.featureMap(inputs, kind());
        if (in.c() % groups != 0) {
            throw new IllegalArgumentException("input channels " + in.c() + " not divisible by groups " + groups);
        }
        int h = upsampled(in.h(), kernelH, strideH, padH, dilationH);
        int w = upsampled(in.w(), kernelW, strideW, padW, dilationW);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("output size " + h + "×" + w + " from input " + in.h() + "×" + in.w()
                    + " with padding " + Windows.perAxis(padH, padW));
        }
        return Shape.of(in.n(), outChannels, h, w);
    }

    /** The inverse of the convolution's size rule: (in − 1)·stride − 2·pad + dilation·(kernel − 1) + 1. */
    private static int upsampled(int in, int kernel, int stride, int pad, int dilation) {
        return Windows.size((in - 1L) * stride - 2L * pad + (long) dilation * (kernel - 1) + 1);
    }

    @Override
    public long params(List<Shape> inputs) {
        long weights = Windows.product(inputs.get(0).c(), outChannels / groups, kernelH, kernelW);
        return weights + (bias ? outChannels : 0);
    }

    /** Input elements × (out channels / groups) × kh × kw, plus output elements with a bias (as for conv). */
    @Override
    public long multAdds(List<Shape> inputs, Shape output) {
        long perInput = Windows.product(outChannels / groups, kernelH, kernelW);
        return Math.addExact(Math.multiplyExact(inputs.get(0).elements(), perInput), bias ? output.elements() : 0);
    }
}
