package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * 2-D convolution. Depthwise (groups = input channels) and pointwise (1×1) convolutions are this op with those
 * attributes, as in PyTorch and ONNX.
 */
public record Conv(int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                   int dilationH, int dilationW, int groups, boolean bias) implements Op {

    public Conv {
        Windows.requireConvolution(outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW,
                groups);
    }

    /** A square k×k convolution without bias (the usual conv before a batchnorm). */
    public static Conv of(int outChannels, int kernel, int stride, int pad) {
        return new Conv(outChannels, kernel, kernel, stride, stride, pad, pad, 1, 1, 1, false);
    }

    public Conv withGroups(int g) {
        return new Conv(outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, g, bias);
    }

    public Conv withBias(boolean b) {
        return new Conv(outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, groups, b);
    }

    @Override
    public String kind() {
        return "conv";
    }

    @Override
    public String attributesSummary() {
        StringBuilder s = new StringBuilder(Windows.kernel(kernelH, kernelW)).append(Windows.stride(strideH, strideW));
        s.append(", ").append(outChannels);
        if (groups > 1) {
            s.append(", g=").append(groups);
        }
        if (dilationH > 1 || dilationW > 1) {
            s.append(", d=").append(dilationH == dilationW ? "" + dilationH : dilationH + "×" + dilationW);
        }
        return s.toString();
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.featureMap(inputs, "conv");
        if (in.c() % groups != 0) {
            throw new IllegalArgumentException("input channels " + in.c() + " not divisible by groups " + groups);
        }
        int h = Windows.convolved(in.h(), kernelH, strideH, padH, dilationH);
        int w = Windows.convolved(in.w(), kernelW, strideW, padW, dilationW);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("output size " + h + "×" + w + " from input " + in.h() + "×" + in.w()
                    + " with kernel " + Windows.kernel(kernelH, kernelW)
                    + ", stride " + Windows.perAxis(strideH, strideW) + ", padding " + Windows.perAxis(padH, padW));
        }
        return Shape.of(in.n(), outChannels, h, w);
    }

    @Override
    public long params(List<Shape> inputs) {
        long weights = Windows.product(outChannels, inputs.get(0).c() / groups, kernelH, kernelW);
        return weights + (bias ? outChannels : 0);
    }

    @Override
    public long multAdds(List<Shape> inputs, Shape output) {
        long perOutput = Windows.product(inputs.get(0).c() / groups, kernelH, kernelW);
        return Math.addExact(Math.multiplyExact(output.elements(), perOutput), bias ? output.elements() : 0);
    }

    /** True when every input channel has its own filter: groups = input channels = output channels. */
    public boolean isDepthwise(int inputChannels) {
        return groups > 1 && groups == inputChannels && outChannels == inputChannels;
    }
}
