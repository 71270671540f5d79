package io.archexplorer.engine.runtime.kernels;

/**
 * Immutable shape of a 2-D convolution on NCHW tensors, shared by every convolution kernel.
 * Input is {@code [batch][inChannels][inHeight][inWidth]}, weights {@code [outChannels][inChannels/groups]
 * [kernelHeight][kernelWidth]} (the ONNX layout), output {@code [batch][outChannels][outHeight][outWidth]}.
 * Padding may differ per side (ONNX {@code pads}, e.g. from {@code auto_pad=SAME_UPPER}); pads add zeros.
 */
public record ConvGeometry(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                           int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                           int padTop, int padLeft, int padBottom, int padRight,
                           int dilationHeight, int dilationWidth, int groups) {

    public ConvGeometry {
        requirePositive("batch", batch);
        requirePositive("inChannels", inChannels);
        requirePositive("inHeight", inHeight);
        requirePositive("inWidth", inWidth);
        requirePositive("outChannels", outChannels);
        requirePositive("kernelHeight", kernelHeight);
        requirePositive("kernelWidth", kernelWidth);
        requirePositive("strideHeight", strideHeight);
        requirePositive("strideWidth", strideWidth);
        requirePositive("dilationHeight", dilationHeight);
        requirePositive("dilationWidth", dilationWidth);
        requirePositive("groups", groups);
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("negative padding");
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(
                    "groups " + groups + " must divide inChannels " + inChannels + " and outChannels " + outChannels);
        }
        if (outExtent(inHeight, padTop + padBottom, kernelHeight, dilationHeight, strideHeight) < 1
                || outExtent(inWidth, padLeft + padRight, kernelWidth, dilationWidth, strideWidth) < 1) {
            throw new IllegalArgumentException("kernel larger than padded input");
        }
    }

    /** Square kernel, same stride, padding and dilation on both axes and all sides. */
    public static ConvGeometry of(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                  int kernel, int stride, int pad, int dilation, int groups) {
        return new ConvGeometry(batch, inChannels, inHeight, inWidth, outChannels, kernel, kernel, stride, stride,
                pad, pad, pad, pad, dilation, dilation, groups);
    }

    /** Depthwise: one filter per channel ({@code groups == inChannels == outChannels}). */
    public static ConvGeometry depthwise(int batch, int channels, int inHeight, int inWidth,
                                         int kernel, int stride, int pad) {
        return of(batch, channels, inHeight, inWidth, channels, kernel, stride, pad, 1, channels);
    }

    public int outHeight() {
        return outExtent(inHeight, padTop + padBottom, kernelHeight, dilationHeight, strideHeight);
    }

    public int outWidth() {
        return outExtent(inWidth, padLeft + padRight, kernelWidth, dilationWidth, strideWidth);
    }

    public int inChannelsPerGroup() {
        return inChannels / groups;
    }

    public int outChannelsPerGroup() {
        return outChannels / groups;
    }

    public int inPlaneSize() {
        return inHeight * inWidth;
    }

    public int outPlaneSize() {
        return outHeight() * outWidth();
    }

    /** Length of one filter, i.e. the K of the convolution as a matrix product. */
    public int filterSize() {
        return inChannelsPerGroup() * kernelHeight * kernelWidth;
    }

    public int inputSize() {
        return batch * inChannels * inPlaneSize();
    }

    public int outputSize() {
        return batch * outChannels * outPlaneSize();
    }

    public int weightSize() {
        return outChannels * filterSize();
    }

    /** A 1×1 kernel reading every pixel once: the input planes are already the GEMM's B matrix. */
    public boolean isPointwise() {
        return kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
                && padTop == 0 && padLeft == 0 && padBottom == 0 && padRight == 0;
    }

    public boolean isDepthwise() {
        return groups == inChannels && groups == outChannels;
    }

    /** Multiply-adds counted as two floating-point operations. */
    public long flops() {
        return 2L * batch * outChannels * outPlaneSize() * filterSize();
    }

    private static int outExtent(int in, int pad, int kernel, int dilation, int stride) {
        return Math.floorDiv(in + pad - dilation * (kernel - 1) - 1, stride) + 1;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
