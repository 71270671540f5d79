package io.archexplorer.engine.ops;

/** Output-size arithmetic of sliding windows, shared by convolution and pooling. */
final class Windows {
    private Windows() {
    }

    /** floor((in + 2·pad − dilation·(kernel − 1) − 1) / stride) + 1, as PyTorch, Caffe and ONNX compute it. */
    static int convolved(int in, int kernel, int stride, int pad, int dilation) {
        long span = (long) dilation * (kernel - 1) + 1;
        return size(Math.floorDiv(in + 2L * pad - span, stride) + 1);
    }

    /**
     * An output size computed in 64 bits (no attribute product overflows there), refused when it leaves the int
     * range of dimensions; a size below 1 is returned for the op to explain with its attributes.
     */
    static int size(long computed) {
        if (computed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output size " + computed + " exceeds 2^31−1, the largest dimension");
        }
        return (int) Math.max(computed, Integer.MIN_VALUE);
    }

    /**
     * Pooling output size. With {@code ceilMode} the division rounds up (Caffe's rule) and the last window is then
     * dropped if it would start outside the input: always in PyTorch, only when there is padding in Caffe
     * ({@code caffeRounding}; pooling_layer.cpp checks {@code if (pad_h_ || pad_w_)}).
     */
    static int pooled(int in, int kernel, int stride, int pad, boolean ceilMode, boolean caffeRounding) {
        long numerator = in + 2L * pad - kernel;
        if (!ceilMode) {
            return size(Math.floorDiv(numerator, stride) + 1);
        }
        long out = Math.floorDiv(numerator + stride - 1, stride) + 1;
        boolean clips = !caffeRounding || pad > 0;
        if (clips && (out - 1) * stride >= (long) in + pad) {
            out--;
        }
        return size(out);
    }

    /**
     * The product of sizes (a weight count, a per-output cost), overflow-checked: an {@link ArithmeticException}
     * beyond 2^63, which the net builder reports at the layer.
     */
    static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = Math.multiplyExact(p, f);
        }
        return p;
    }

    /** Kernel and stride ≥ 1, padding ≥ 0, per axis. */
    static void requireWindow(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        requirePositive("kernel_h", kernelH);
        requirePositive("kernel_w", kernelW);
        requirePositive("stride_h", strideH);
        requirePositive("stride_w", strideW);
        requireNonNegative("pad_h", padH);
        requireNonNegative("pad_w", padW);
    }

    /** A (transposed) convolution's attributes: a valid window, dilation ≥ 1, groups dividing the outputs. */
    static void requireConvolution(int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH,
                                   int padW, int dilationH, int dilationW, int groups) {
        requirePositive("out_channels", outChannels);
        requireWindow(kernelH, kernelW, strideH, strideW, padH, padW);
        requirePositive("dilation_h", dilationH);
        requirePositive("dilation_w", dilationW);
        requirePositive("groups", groups);
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("output channels " + outChannels + " not divisible by groups " + groups);
        }
    }

    static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be ≥ 1, got " + value);
        }
    }

    static void requireNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be ≥ 0, got " + value);
        }
    }

    static String kernel(int kh, int kw) {
        return kh + "×" + kw;
    }

    /** One number when both axes agree, {@code h×w} when they differ. */
    static String perAxis(int h, int w) {
        return h == w ? Integer.toString(h) : h + "×" + w;
    }

    static String stride(int sh, int sw) {
        if (sh == 1 && sw == 1) {
            return "";
        }
        return sh == sw ? "/" + sh : "/" + sh + "×" + sw;
    }
}
